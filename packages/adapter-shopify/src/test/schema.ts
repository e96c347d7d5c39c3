import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql'

let schema: GraphQLSchema | undefined

/** The real Storefront API schema shipped by `@shopify/hydrogen-react` (tests only). */
export function storefrontSchema(): GraphQLSchema {
  if (!schema) {
    const require = createRequire(import.meta.url)
    const path = require.resolve('@shopify/hydrogen-react/storefront.schema.json')
    const introspection = JSON.parse(readFileSync(path, 'utf8')) as IntrospectionQuery
    schema = buildClientSchema(introspection)
  }
  return schema
}

/** The Storefront API version the schema describes, read from hydrogen-react's constant. */
export function schemaApiVersion(): string {
  const require = createRequire(import.meta.url)
  const path = require.resolve('@shopify/hydrogen-react/storefront-api-types')
  const match = /Based on Storefront API (\d{4}-\d{2})/.exec(readFileSync(path, 'utf8'))
  if (!match) throw new Error('cannot read the Storefront API version of the shipped schema')
  return match[1] as string
}
