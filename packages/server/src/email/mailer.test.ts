import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createFolderOutbox,
  createMemoryOutbox,
  createSmtpMailer,
  type OutgoingEmail,
} from './mailer.ts'

const email: OutgoingEmail = {
  id: 'abandoned-cart_test',
  from: 'hello@atelier.example',
  to: 'shopper@example.com',
  subject: 'Atelier Tote: your cart is waiting for you',
  html: '<p>Complete your order</p>',
  text: 'Complete your order',
}

describe('folder outbox', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tote-outbox-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('writes each email once, refusing a second write of the same id', async () => {
    const outbox = createFolderOutbox(dir, { now: () => Date.UTC(2026, 0, 5) })
    expect(await outbox.send(email)).toBe(true)
    expect(await outbox.send({ ...email, subject: 'again' })).toBe(false)
    expect(await readdir(dir)).toEqual(['abandoned-cart_test.json'])
    const [entry] = await createFolderOutbox(dir).list()
    expect(entry).toMatchObject({ subject: email.subject, createdAt: '2026-01-05T00:00:00.000Z' })
    expect(await outbox.read('../etc/passwd')).toBeNull()
  })

  it('keeps the extra headers and forgets every email to an erased address', async () => {
    const outbox = createFolderOutbox(dir)
    const headers = { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
    await outbox.send({ ...email, id: 'erase-1', to: 'Ada@Example.com', headers })
    await outbox.send({ ...email, id: 'erase-2', to: 'grace@example.com' })
    expect((await outbox.read('erase-1'))?.headers).toEqual(headers)
    expect(await outbox.erase('ada@example.COM')).toBe(1)
    expect(await outbox.read('erase-1')).toBeNull()
    expect(await outbox.read('erase-2')).not.toBeNull()
  })
})

describe('memory outbox', () => {
  it('forgets every email to an erased address, matched case-insensitively', async () => {
    const outbox = createMemoryOutbox()
    await outbox.send({ ...email, id: 'a', to: 'ada@example.com' })
    await outbox.send({ ...email, id: 'b', to: 'ADA@example.com' })
    await outbox.send({ ...email, id: 'c', to: 'grace@example.com' })
    expect(await outbox.erase(' Ada@example.com ')).toBe(2)
    expect((await outbox.list()).map((entry) => entry.id)).toEqual(['c'])
  })
})

describe('SMTP mailer', () => {
  // A minimal SMTP server on 127.0.0.1 that records what it receives.
  let server: Server
  let port: number
  const received: string[] = []
  const sockets = new Set<Socket>()

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket)
      let data = false
      let message = ''
      let buffer = ''
      socket.write('220 tote-test ESMTP\r\n')
      socket.on('data', (chunk) => {
        buffer += chunk.toString('utf8')
        let end = buffer.indexOf('\r\n')
        while (end >= 0) {
          const line = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          if (data) {
            if (line === '.') {
              data = false
              received.push(message)
              socket.write('250 queued\r\n')
            } else {
              message += `${line}\n`
            }
          } else if (/^(EHLO|HELO)/i.test(line)) socket.write('250 tote-test\r\n')
          else if (/^DATA/i.test(line)) {
            data = true
            message = ''
            socket.write('354 go ahead\r\n')
          } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n')
          else socket.write('250 ok\r\n')
          end = buffer.indexOf('\r\n')
        }
      })
      socket.on('close', () => sockets.delete(socket))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as { port: number }).port
  })
  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => server.close(resolve))
  })

  it('sends HTML and text with a Message-ID derived from the email id', async () => {
    const mailer = await createSmtpMailer({
      url: `smtp://127.0.0.1:${port}`,
      messageIdDomain: 'atelier.example',
    })
    expect(await mailer.send(email)).toBe(true)
    expect(received).toHaveLength(1)
    const message = received[0]!
    expect(message).toContain('Message-ID: <abandoned-cart_test@atelier.example>')
    expect(message).toContain('To: shopper@example.com')
    expect(message).toContain('Subject: Atelier Tote: your cart is waiting for you')
    expect(message).toContain('Content-Type: text/plain')
    expect(message).toContain('Content-Type: text/html')
  })

  it('sends the extra headers, and refuses a header value that would start another header', async () => {
    const mailer = await createSmtpMailer({ url: `smtp://127.0.0.1:${port}` })
    const unsubscribe = 'https://shop.example/v1/unsubscribe?token=toteu1.dev.abc.def'
    await mailer.send({
      ...email,
      id: 'abandoned-cart_headers',
      headers: {
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    })
    // Long header lines are folded (RFC 5322); unfold them to read the values.
    const message = received.at(-1)!.replace(/\n[ \t]+/g, ' ')
    expect(message).toContain(`List-Unsubscribe: <${unsubscribe}>`)
    expect(message).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click')
    const count = received.length
    await expect(
      mailer.send({ ...email, headers: { 'List-Unsubscribe': '<x>\r\nBcc: all@example.com' } }),
    ).rejects.toThrow('email.headers.List-Unsubscribe: expected one line of text')
    await expect(mailer.send({ ...email, headers: { 'Bad Name': 'x' } })).rejects.toThrow(TypeError)
    expect(received).toHaveLength(count)
  })
})
