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
  {
    id: 2,
    name: 'privacy: recipients, unsubscribe, customer tags and notes, erasure, order tags, billing address, timeline',
    statements: [
      // Who gets recovery emails, and how many one address may get a day.
      `ALTER TABLE abandonment_settings ADD COLUMN recipients text NOT NULL DEFAULT 'all'
        CHECK (recipients IN ('all', 'consented'))`,
      `ALTER TABLE abandonment_settings ADD COLUMN max_emails_per_address_per_day integer NOT NULL DEFAULT 1
        CHECK (max_emails_per_address_per_day BETWEEN 1 AND 10)`,
      // Sends are counted per address by a hash, so the count survives an erasure.
      'ALTER TABLE abandonment_emails ADD COLUMN address_hash text',
      `ALTER TABLE abandonment_emails ADD COLUMN skipped_reason text
        CHECK (skipped_reason IN ('no_consent', 'unsubscribed', 'address_limit'))`,
      `CREATE INDEX abandonment_emails_address ON abandonment_emails (shop_id, address_hash, sent_at)
        WHERE status = 'sent'`,
      // One row per address emailed: its unsubscribe links carry the random id, never the address.
      `CREATE TABLE email_recipients (
        id text PRIMARY KEY,
        shop_id text NOT NULL,
        address_hash text NOT NULL,
        unsubscribed_at timestamptz,
        created_at timestamptz NOT NULL,
        UNIQUE (shop_id, address_hash)
      )`,
      `ALTER TABLE customers ADD COLUMN note text NOT NULL DEFAULT ''`,
      'ALTER TABLE customers ADD COLUMN erased_at timestamptz',
      `CREATE TABLE customer_tags (
        customer_id text NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        shop_id text NOT NULL,
        tag text NOT NULL CHECK (char_length(tag) BETWEEN 1 AND 40),
        tag_key text NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (customer_id, tag_key)
      )`,
      'CREATE INDEX customer_tags_shop_key ON customer_tags (shop_id, tag_key)',
      `CREATE TABLE erasure_requests (
        id text PRIMARY KEY,
        shop_id text NOT NULL,
        customer_id text REFERENCES customers (id) ON DELETE SET NULL,
        email text,
        status text NOT NULL CHECK (status IN ('pending', 'completed')),
        requested_at timestamptz NOT NULL,
        completed_at timestamptz,
        CHECK (status = 'pending' OR email IS NULL)
      )`,
      `CREATE INDEX erasure_requests_pending ON erasure_requests (shop_id, customer_id)
        WHERE status = 'pending'`,
      'ALTER TABLE orders ADD COLUMN billing_address jsonb',
      // docs/domain.md R20: once set, an order's billing address never changes, whatever the caller.
      `CREATE FUNCTION tote_keep_billing_address() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.billing_address IS NOT NULL AND NEW.billing_address IS DISTINCT FROM OLD.billing_address THEN
          RAISE EXCEPTION 'the billing address of order % is already set', OLD.id
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END
      $$`,
      `CREATE TRIGGER orders_billing_address_once BEFORE UPDATE OF billing_address ON orders
        FOR EACH ROW EXECUTE FUNCTION tote_keep_billing_address()`,
      `CREATE TABLE order_tags (
        order_id text NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        shop_id text NOT NULL,
        tag text NOT NULL CHECK (char_length(tag) BETWEEN 1 AND 40),
        tag_key text NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (order_id, tag_key)
      )`,
      'CREATE INDEX order_tags_shop_key ON order_tags (shop_id, tag_key)',
      `CREATE TABLE order_events (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        shop_id text NOT NULL,
        order_id text NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        type text NOT NULL
          CHECK (type IN ('order_placed', 'note_added', 'tag_added', 'tag_removed', 'billing_address_set')),
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL
      )`,
      'CREATE INDEX order_events_order ON order_events (order_id, seq)',
      `INSERT INTO order_events (id, shop_id, order_id, type, data, created_at)
       SELECT 'evt_placed_' || id, shop_id, id, 'order_placed',
              jsonb_build_object('total', jsonb_build_object('amount', total, 'currency', currency),
                                 'recovered', recovered),
              created_at
         FROM orders ORDER BY created_at, id`,
    ],
  },
  {
    id: 3,
    name: 'hardening: sweep claims, wide money columns, idempotency keys scoped per route and cart',
    statements: [
      // The sweep claims due emails for a while (a lease) instead of holding a row lock while
      // it talks to the mail server; a claim that outlives its lease may be taken again.
      'ALTER TABLE abandonment_emails ADD COLUMN claim_id text',
      'ALTER TABLE abandonment_emails ADD COLUMN claimed_until timestamptz',
      'ALTER TABLE abandonment_emails ADD COLUMN attempts integer NOT NULL DEFAULT 0',
      // Sums of lines can pass 2^31 minor units (3 × 1,000,000 × 9.90 EUR).
      'ALTER TABLE carts ALTER COLUMN subtotal TYPE bigint, ALTER COLUMN total TYPE bigint, ALTER COLUMN discount TYPE bigint',
      'ALTER TABLE orders ALTER COLUMN total TYPE bigint',
      'ALTER TABLE abandonment_emails ALTER COLUMN cart_total TYPE bigint',
      // A key means something only for one route of one cart (and, for a new cart, one client).
      `ALTER TABLE idempotency_keys ADD COLUMN scope text NOT NULL DEFAULT ''`,
      'ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey',
      'ALTER TABLE idempotency_keys ADD PRIMARY KEY (shop_id, scope, key)',
    ],
  },
  {
    id: 4,
    name: 'cart lines unique by a hash of their key',
    statements: [
      // A line key holds the attributes, URL-encoded: longer than a B-tree entry may be (2704
      // bytes). Lines stay one per key, indexed by the key's hash.
      'ALTER TABLE cart_lines DROP CONSTRAINT cart_lines_pkey',
      'CREATE UNIQUE INDEX cart_lines_key ON cart_lines (cart_id, md5(line_key))',
    ],
  },
  {
    id: 5,
    name: 'writes store only what changed: line merchandise fingerprints, compressed answers',
    statements: [
      // A write re-prices every line but rewrites only those whose merchandise changed: it
      // compares this fingerprint instead of reading every line's merchandise back.
      'ALTER TABLE cart_lines ADD COLUMN merchandise_hash text',
      // The answer a key replays, gzipped (a tenth of the JSON, never moved out of the row);
      // `response` stays for keys stored before.
      'ALTER TABLE idempotency_keys ADD COLUMN body bytea',
    ],
  },
]
