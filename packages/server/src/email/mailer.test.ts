import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFolderOutbox, createSmtpMailer, type OutgoingEmail } from './mailer.ts'

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
})
