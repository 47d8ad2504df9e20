import type { Socket } from 'node:net';

/**
 * Requests Node's HTTP parser refuses before any route sees them (a NUL or other control byte in
 * a header, a bad request line, headers over the size limit): answered as JSON in the gateway's
 * one error shape `{code, field, message}`, like every other refusal (docs/api.md, Refusals),
 * instead of Fastify's own `{error, statusCode}` body. Issue 17, defect 7.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  // The peer is gone: nothing to answer (Node's own rule for 'clientError').
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, body] = describe(error.code);
  const text = JSON.stringify(body);
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  socket.destroy();
}

type Answer = [number, string, { code: string; field: string; message: string }];

function describe(code: string | undefined): Answer {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return [
      408,
      'Request Timeout',
      { code: 'REQUEST_TIMEOUT', field: 'request', message: 'the request took too long to arrive' },
    ];
  if (code === 'HPE_HEADER_OVERFLOW')
    return [
      431,
      'Request Header Fields Too Large',
      { code: 'HEADERS_TOO_LARGE', field: 'headers', message: 'the headers are over the HTTP size limit' },
    ];
  const inHeaders =
    code === 'HPE_INVALID_HEADER_TOKEN' || code === 'HPE_INVALID_HEADER_VALUE' || code === 'HPE_INVALID_CHARACTER';
  return [
    400,
    'Bad Request',
    {
      code: 'MALFORMED_HTTP',
      field: inHeaders ? 'headers' : 'request',
      message: `the HTTP request is malformed (${code ?? 'parse error'})${inHeaders ? ': a header holds a byte HTTP does not allow there, such as NUL or another control character' : ''}`,
    },
  ];
}
