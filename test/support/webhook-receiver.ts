// A real HTTP receiver on loopback for the alerts' tests: it records every request and answers as
// the test says (a status and body, or not at all, to play a hook that hangs).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** When it arrived (ms). */
  at: number;
  /** The status it was answered with; null while unanswered (a hang). */
  answered: number | null;
}

export type ReceiverAnswer = { status: number; body?: string } | 'hang';

export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** How the next requests are answered. @default 200 with {"errcode":0} */
  answer: (request: ReceivedRequest, index: number) => ReceiverAnswer;
  /** The requests answered 2xx. */
  delivered(): ReceivedRequest[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: '',
    requests: [],
    answer: () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' }),
    delivered: () => receiver.requests.filter((r) => r.answered !== null && r.answered >= 200 && r.answered < 300),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      const request: ReceivedRequest = { path: url.pathname, query: url.searchParams, headers: req.headers, body, at: Date.now(), answered: null };
      receiver.requests.push(request);
      const answer = receiver.answer(request, receiver.requests.length - 1);
      if (answer === 'hang') return;
      request.answered = answer.status;
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body ?? '{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}
