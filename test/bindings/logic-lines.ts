// Counts a binding's lines of logic: lines holding code, leaving out blank lines, comments,
// imports, re-exports and type-only declarations (interfaces and type aliases), which carry
// no behaviour.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'

/** The binding's own source files: no tests, type tests or test fixtures. */
export function sourceFiles(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    const isSource = /\.tsx?$/.test(name) && !/\.test(-d)?\.tsx?$/.test(name)
    return isSource && name !== 'test-cart.ts' ? [path] : []
  })
}

function isDeclarationOnly(statement: ts.Statement): boolean {
  return (
    ts.isImportDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    (ts.isExportDeclaration(statement) && statement.moduleSpecifier !== undefined)
  )
}

/** The number of lines of logic in `text`, a TypeScript (or TSX) module. */
export function logicLines(text: string, fileName = 'module.ts'): number {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind)
  const lines = new Set<number>()
  const visit = (node: ts.Node): void => {
    // Type annotations inside code do not make a line of their own count; tokens do.
    if (node.getChildCount(file) === 0 && node.kind !== ts.SyntaxKind.EndOfFileToken) {
      lines.add(file.getLineAndCharacterOfPosition(node.getStart(file)).line)
      return
    }
    for (const child of node.getChildren(file)) visit(child)
  }
  for (const statement of file.statements) if (!isDeclarationOnly(statement)) visit(statement)
  return lines.size
}

/** Lines of logic per file under `root`, keyed by the path below `root`. */
export function logicLinesOf(root: string): Map<string, number> {
  return new Map(
    sourceFiles(root).map((path) => [
      path.slice(root.length + 1),
      logicLines(readFileSync(path, 'utf8'), path),
    ]),
  )
}
