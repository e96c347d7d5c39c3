// The shop's product pictures: small SVG drawings made here, so the demo needs nothing from
// the internet. Each is a square with a soft background, a shadow and the product.

const frame = (background: string, drawing: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">` +
  `<rect width="600" height="600" fill="${background}"/>` +
  `<ellipse cx="300" cy="500" rx="190" ry="26" fill="#000" opacity="0.08"/>` +
  drawing +
  `</svg>`

/** The drawings, by product id of the demo catalogue. */
const PICTURES: Record<string, string> = {
  'canvas-tote': frame(
    '#efe6d8',
    `<path d="M225 215 C225 110 375 110 375 215" fill="none" stroke="#b89a6e" stroke-width="16"/>
     <path d="M250 215 C250 140 350 140 350 215" fill="none" stroke="#c9ad80" stroke-width="10"/>
     <path d="M170 215 H430 L450 495 H150 Z" fill="#e9dcc3" stroke="#cdb890" stroke-width="4"/>
     <rect x="235" y="300" width="130" height="90" rx="6" fill="none" stroke="#cdb890" stroke-width="4" stroke-dasharray="10 8"/>
     <text x="300" y="355" font-family="Georgia, serif" font-size="30" text-anchor="middle" fill="#9c8055">tote</text>`,
  ),
  'enamel-mug': frame(
    '#dfe9f1',
    `<path d="M405 265 C480 265 480 395 405 395" fill="none" stroke="#f7f7f4" stroke-width="26"/>
     <path d="M405 265 C480 265 480 395 405 395" fill="none" stroke="#2d5b8a" stroke-width="5"/>
     <path d="M185 215 H415 V430 C415 470 385 490 345 490 H255 C215 490 185 470 185 430 Z" fill="#f7f7f4" stroke="#d8dde2" stroke-width="3"/>
     <ellipse cx="300" cy="215" rx="115" ry="22" fill="#2d5b8a"/>
     <ellipse cx="300" cy="215" rx="103" ry="15" fill="#e9ecef"/>
     <path d="M188 470 C205 488 230 492 255 492 H345 C370 492 395 488 412 470" fill="none" stroke="#2d5b8a" stroke-width="6"/>`,
  ),
  'organic-tee': frame(
    '#e7ece6',
    `<path d="M230 140 L160 170 L100 260 L165 300 L200 255 V480 H400 V255 L435 300 L500 260 L440 170 L370 140 C355 185 245 185 230 140 Z" fill="#9aa5a0" stroke="#86918c" stroke-width="4" stroke-linejoin="round"/>
     <path d="M230 140 C245 185 355 185 370 140" fill="none" stroke="#7a8580" stroke-width="8"/>
     <rect x="330" y="215" width="40" height="36" rx="4" fill="none" stroke="#86918c" stroke-width="4"/>`,
  ),
  'dot-notebook': frame(
    '#ece7df',
    `<rect x="180" y="120" width="250" height="350" rx="12" fill="#2f5a48"/>
     <rect x="180" y="120" width="26" height="350" rx="6" fill="#244739"/>
     <rect x="380" y="120" width="14" height="350" fill="#1d3a2f"/>
     <g fill="#5f8a77">${Array.from({ length: 5 }, (_, row) =>
       Array.from(
         { length: 4 },
         (_, col) => `<circle cx="${250 + col * 30}" cy="${220 + row * 30}" r="3"/>`,
       ).join(''),
     ).join('')}</g>
     <rect x="236" y="380" width="110" height="34" rx="4" fill="#e9e2d2"/>
     <text x="291" y="404" font-family="Georgia, serif" font-size="20" text-anchor="middle" fill="#2f5a48">A5 · dots</text>`,
  ),
  'soy-candle': frame(
    '#f2e7dc',
    `<path d="M300 150 C285 175 285 195 300 205 C315 195 315 175 300 150 Z" fill="#f2a23a"/>
     <path d="M300 168 C294 182 294 192 300 198 C306 192 306 182 300 168 Z" fill="#ffe08a"/>
     <rect x="297" y="203" width="6" height="22" fill="#3b2e22"/>
     <path d="M200 225 H400 V455 C400 475 385 490 365 490 H235 C215 490 200 475 200 455 Z" fill="#b8752f" opacity="0.9"/>
     <rect x="200" y="225" width="200" height="26" fill="#f3e9d9"/>
     <rect x="235" y="310" width="130" height="100" rx="6" fill="#f5ede0"/>
     <text x="300" y="352" font-family="Georgia, serif" font-size="24" text-anchor="middle" fill="#7a4b1c">fig</text>
     <text x="300" y="384" font-family="Georgia, serif" font-size="18" text-anchor="middle" fill="#7a4b1c">&amp; cedar</text>`,
  ),
  'riso-poster': frame(
    '#e9e4ec',
    `<rect x="160" y="95" width="280" height="385" fill="#fbf8f3" stroke="#3a3340" stroke-width="10"/>
     <circle cx="270" cy="230" r="78" fill="#ff6f91" opacity="0.9"/>
     <circle cx="335" cy="290" r="78" fill="#3f6fd8" opacity="0.75"/>
     <rect x="205" y="370" width="190" height="14" fill="#ff6f91" opacity="0.9"/>
     <rect x="205" y="396" width="120" height="14" fill="#3f6fd8" opacity="0.75"/>`,
  ),
}

/** A product's picture as SVG markup, or `null` when the shop has no drawing for it. */
export function productPicture(productId: string): string | null {
  return PICTURES[productId] ?? null
}

/** The products the shop has drawings for. */
export const PICTURED_PRODUCTS: readonly string[] = Object.keys(PICTURES)
