import type { Notice } from '@tote/core'
import type { Storefront } from './context.ts'
import { h, replace } from './dom.ts'

/** The notices Tote raised (sold out, price changed…), each one dismissable. */
export function renderNotices(shop: Storefront, list: HTMLElement, notices: readonly Notice[]) {
  replace(
    list,
    ...notices.map((notice) =>
      h(
        'li',
        { class: `notice notice-${notice.code}`, attrs: { 'data-code': notice.code } },
        h('span', {}, notice.message),
        h(
          'button',
          {
            class: 'dismiss',
            attrs: { type: 'button', 'aria-label': shop.t('dismiss') },
            on: { click: () => shop.cart.dismissNotice(notice.id) },
          },
          '×',
        ),
      ),
    ),
  )
}
