/** One schema change. Both storage backends run the very same statements. */
export interface Migration {
  id: number
  name: string
  statements: readonly string[]
}

/**
 * The schema, in order. Never edit a released migration: add a new one. Times are
 * `timestamptz` written from the server's injected clock, never from `now()`, so tests
 * that move the clock see consistent data.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'catalogue, carts, customers, orders, idempotency, abandonment',
    statements: [
      `CREATE TABLE products (
        shop_id text NOT NULL,
        id text NOT NULL,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        image_url text,
        image_alt text,
        PRIMARY KEY (shop_id, id)
      )`,
      `CREATE TABLE variants (
        shop_id text NOT NULL,
        id text NOT NULL,
        product_id text NOT NULL,
        title text NOT NULL,
        options jsonb NOT NULL DEFAULT '[]',
        price integer NOT NULL,
        compare_at_price integer,
        currency text NOT NULL,
        stock integer CHECK (stock IS NULL OR stock >= 0),
        discontinued boolean NOT NULL DEFAULT false,
        position integer NOT NULL DEFAULT 0,
        PRIMARY KEY (shop_id, id),
        FOREIGN KEY (shop_id, product_id) REFERENCES products (shop_id, id)
      )`,
      `CREATE TABLE discount_codes (
        shop_id text NOT NULL,
        code text NOT NULL,
        percent_off integer NOT NULL CHECK (percent_off BETWEEN 1 AND 100),
        PRIMARY KEY (shop_id, code)
      )`,
      `CREATE TABLE customers (
        id text PRIMARY KEY,
        shop_id text NOT NULL,
        email text NOT NULL,
        email_normalized text NOT NULL,
        marketing_consent boolean NOT NULL DEFAULT false,
        last_cart_id text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (shop_id, email_normalized)
      )`,
      `CREATE TABLE carts (
        id text PRIMARY KEY,
        shop_id text NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed')),
        currency text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        email text,
        marketing_consent boolean NOT NULL DEFAULT false,
        customer_id text REFERENCES customers (id),
        note text NOT NULL DEFAULT '',
        attributes jsonb NOT NULL DEFAULT '{}',
        discount_codes jsonb NOT NULL DEFAULT '[]',
        subtotal integer NOT NULL DEFAULT 0,
        total integer NOT NULL DEFAULT 0,
        discount integer,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        checkout_started_at timestamptz,
        recovery_opened_at timestamptz,
        completed_at timestamptz,
        order_id text
      )`,
      'CREATE INDEX carts_shop_email ON carts (shop_id, updated_at) WHERE email IS NOT NULL',
      `CREATE TABLE cart_lines (
        cart_id text NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
        line_key text NOT NULL,
        id text NOT NULL,
        merchandise_id text NOT NULL,
        attributes jsonb NOT NULL DEFAULT '{}',
        quantity integer NOT NULL CHECK (quantity > 0),
        merchandise jsonb NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (cart_id, line_key),
        UNIQUE (cart_id, id)
      )`,
      `CREATE TABLE orders (
        id text PRIMARY KEY,
        shop_id text NOT NULL,
        cart_id text NOT NULL UNIQUE REFERENCES carts (id),
        customer_id text REFERENCES customers (id),
        total integer NOT NULL,
        currency text NOT NULL,
        recovered boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL
      )`,
      `CREATE TABLE idempotency_keys (
        shop_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status integer,
        response jsonb,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (shop_id, key)
      )`,
      `CREATE TABLE abandonment_settings (
        shop_id text PRIMARY KEY,
        enabled boolean NOT NULL DEFAULT false,
        delay_minutes integer NOT NULL DEFAULT 60 CHECK (delay_minutes BETWEEN 20 AND 2880),
        message text NOT NULL DEFAULT '',
        enabled_at timestamptz,
        updated_at timestamptz NOT NULL
      )`,
      `CREATE TABLE abandonment_emails (
        cart_id text PRIMARY KEY REFERENCES carts (id),
        shop_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'sent', 'cancelled')),
        due_at timestamptz NOT NULL,
        sent_at timestamptz,
        message_id text,
        cart_total integer,
        updated_at timestamptz NOT NULL
      )`,
      `CREATE INDEX abandonment_emails_due ON abandonment_emails (due_at) WHERE status = 'queued'`,
    ],
  },
]
