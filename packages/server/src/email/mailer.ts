import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** An email ready to go. `id` is stable per logical email, so a resend can be recognized. */
export interface OutgoingEmail {
  id: string
  from: string
  to: string
  subject: string
  html: string
  text: string
  /** The recovery link the email holds, for outboxes and tests (not sent as a header). */
  recoveryUrl?: string
  /**
   * Extra headers, such as `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058). Names
   * are letters, digits and `-`; values are one line. {@link assertHeaders} checks them.
   */
  headers?: Readonly<Record<string, string>>
}

/** Options of {@link Mailer.send}. */
export interface SendOptions {
  /** Aborted when the caller stops waiting (the sweep's timeout). */
  signal?: AbortSignal
}

/** Something that delivers emails: SMTP, or an outbox for development and tests. */
export interface Mailer {
  /**
   * Delivers `email`. Resolves `false` when an email with the same id was already delivered
   * (an outbox can tell); throws when delivery failed (the email stays queued). The sweep
   * gives up on an email after a timeout and aborts `signal`: pass it on to the transport.
   */
  send(email: OutgoingEmail, options?: SendOptions): Promise<boolean>
  /**
   * Forgets every email to `address` (matched case-insensitively) that the mailer keeps, for an
   * erasure request; resolves how many it forgot. Mailers that keep nothing leave it out.
   */
  erase?(address: string): Promise<number>
}

const HEADER_NAME = /^[A-Za-z0-9-]{1,76}$/
// Header values are one line of printable text: a CR or LF would start a header of its own.
const HEADER_VALUE = /^[^\r\n\0]{0,2000}$/

/** Throws a `TypeError` when an email's extra headers could break the message. */
export function assertHeaders(headers: Readonly<Record<string, string>> | undefined): void {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!HEADER_NAME.test(name)) {
      throw new TypeError(`email.headers: ${JSON.stringify(name)} is not a header name`)
    }
    if (typeof value !== 'string' || !HEADER_VALUE.test(value)) {
      throw new TypeError(`email.headers.${name}: expected one line of text`)
    }
  }
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

/** An email kept in an outbox. */
export interface OutboxEntry extends OutgoingEmail {
  /** When it was written (ISO), by the server's clock. */
  createdAt: string
}

/** A {@link Mailer} that keeps what it sends, to read back in development and tests. */
export interface Outbox extends Mailer {
  /** Every email sent, oldest first. */
  list(): Promise<OutboxEntry[]>
  /** One email by id, or `null`. */
  read(id: string): Promise<OutboxEntry | null>
  /** Forgets every email to `address` (case-insensitive); resolves how many. */
  erase(address: string): Promise<number>
}

const SAFE_ID = /^[A-Za-z0-9_.-]+$/

/** An outbox in memory (the default of tests). */
export function createMemoryOutbox(clock: { now(): number } = { now: Date.now }): Outbox {
  const entries = new Map<string, OutboxEntry>()
  return {
    async send(email) {
      assertHeaders(email.headers)
      if (entries.has(email.id)) return false
      entries.set(email.id, { ...email, createdAt: new Date(clock.now()).toISOString() })
      return true
    },
    async erase(address) {
      let erased = 0
      for (const [id, entry] of entries) {
        if (sameAddress(entry.to, address) && entries.delete(id)) erased++
      }
      return erased
    },
    list: async () => [...entries.values()],
    read: async (id) => entries.get(id) ?? null,
  }
}

/**
 * An outbox in a folder: one JSON file per email, named by its id and created exclusively,
 * so the same email is never written twice, even by a restarted server.
 */
export function createFolderOutbox(
  dir: string,
  clock: { now(): number } = { now: Date.now },
): Outbox {
  const file = (id: string) => {
    if (!SAFE_ID.test(id))
      throw new TypeError(`email id ${JSON.stringify(id)} is not a safe file name`)
    return join(dir, `${id}.json`)
  }
  const read = async (id: string): Promise<OutboxEntry | null> => {
    try {
      return JSON.parse(await readFile(file(id), 'utf8')) as OutboxEntry
    } catch {
      return null
    }
  }
  return {
    async send(email) {
      assertHeaders(email.headers)
      await mkdir(dir, { recursive: true })
      const entry: OutboxEntry = { ...email, createdAt: new Date(clock.now()).toISOString() }
      try {
        await writeFile(file(email.id), JSON.stringify(entry, null, 2), { flag: 'wx' })
        return true
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
        throw error
      }
    },
    async list() {
      let names: string[]
      try {
        names = await readdir(dir)
      } catch {
        return []
      }
      const entries = await Promise.all(
        names.filter((name) => name.endsWith('.json')).map((name) => read(name.slice(0, -5))),
      )
      return entries
        .filter((entry): entry is OutboxEntry => entry !== null)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    },
    read: (id) => (SAFE_ID.test(id) ? read(id) : Promise.resolve(null)),
    async erase(address) {
      let erased = 0
      for (const entry of await this.list()) {
        if (!sameAddress(entry.to, address)) continue
        await rm(file(entry.id), { force: true })
        erased++
      }
      return erased
    },
  }
}

/** Options of {@link createSmtpMailer}. */
export interface SmtpMailerOptions {
  /** An SMTP URL such as `smtps://user:pass@smtp.example.com`. */
  url: string
  /** The domain used in `Message-ID` headers. @default 'tote.invalid' */
  messageIdDomain?: string
  /**
   * How long to wait for the connection, the greeting and each answer of the mail server;
   * a silent server then fails the send instead of holding it for an hour. @default 15000
   */
  timeoutMs?: number
}

/**
 * Sends over SMTP with nodemailer. The `Message-ID` is derived from the email's id, so a
 * receiving server can recognize a resend after a crash.
 */
export async function createSmtpMailer(options: SmtpMailerOptions): Promise<Mailer> {
  const { default: nodemailer } = await import('nodemailer')
  const timeout = options.timeoutMs ?? 15_000
  const transport = nodemailer.createTransport({
    url: options.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  })
  const domain = options.messageIdDomain ?? 'tote.invalid'
  return {
    async send(email) {
      assertHeaders(email.headers)
      await transport.sendMail({
        from: email.from,
        to: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        messageId: `<${email.id}@${domain}>`,
        ...(email.headers ? { headers: { ...email.headers } } : {}),
      })
      return true
    },
  }
}
