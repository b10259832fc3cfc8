import { PassThrough } from 'node:stream';

import { Body, Controller, Get, Logger, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoLogger, LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';

import { loggerParams } from '../logging/logger.module';
import { configureHttpEdge } from './http-edge';

const lines: Record<string, unknown>[] = [];
const logStream = new PassThrough();
logStream.on('data', (chunk: Buffer) => {
  for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
    lines.push(JSON.parse(line) as Record<string, unknown>);
  }
});

@Controller('things')
class ThingsController {
  private readonly logger = new Logger('Things');

  @Post()
  echo(@Body() body: unknown): unknown {
    return body;
  }

  @Post(':applicationNo/notes')
  note(@Param('applicationNo') applicationNo: string, @Body() body: unknown): unknown {
    this.logger.log({ enterprise: { contactPhone: '13800000009' } }, 'note taken');
    return { applicationNo, body };
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret detail /srv/app.ts:42');
  }
}

@Module({
  imports: [
    LoggerModule.forRoot({
      pinoHttp: [
        loggerParams({ service: 'intake', logLevel: 'info' }).pinoHttp as Options,
        logStream,
      ],
    }),
  ],
  controllers: [ThingsController],
})
class EdgeTestModule {}

describe('configureHttpEdge', () => {
  let app: NestExpressApplication;
  let base: string;

  beforeAll(async () => {
    app = await NestFactory.create<NestExpressApplication>(EdgeTestModule, {
      bufferLogs: true,
      bodyParser: false,
    });
    app.useLogger(app.get(PinoLogger));
    configureHttpEdge(app);
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
  });

  function post(body: string, headers: Record<string, string> = {}, path = '/things') {
    return fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  }

  it('passes a good JSON body through, as JSON that must not be sniffed', async () => {
    const res = await post(JSON.stringify({ name: '𠀀𪚥🏭', note: '<script>alert(1)</script>' }));

    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.json()).toEqual({ name: '𠀀𪚥🏭', note: '<script>alert(1)</script>' });
  });

  it('refuses a body over 64 KB with 413', async () => {
    const res = await post(JSON.stringify({ name: 'x'.repeat(70 * 1024) }));

    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      errors: [{ field: '(body)', message: 'the body is larger than 64 KB' }],
    });
  });

  it('refuses a body that is not JSON with 415 naming its type', async () => {
    const res = await post('name=x', { 'content-type': 'application/x-www-form-urlencoded' });

    expect(res.status).toBe(415);
    const body = (await res.json()) as { errors: { field: string; message: string }[] };
    expect(body.errors).toEqual([
      { field: '(body)', message: expect.stringContaining('application/x-www-form-urlencoded') },
    ]);
  });

  it('refuses malformed JSON with 400 in the services’ shape, quoting nothing of it', async () => {
    const res = await post('{"contactPhone": "13800000001",');

    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      errors: [{ field: '(body)', message: 'the body is not a valid JSON object or array' }],
    });
    expect(text).not.toContain('13800000001');
  });

  it('refuses deep nesting with 400 naming the path', async () => {
    const res = await post(JSON.stringify({ a: { b: [[[[[[{ c: 1 }]]]]]] } }));

    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: [
        {
          field: 'a.b.0.0.0.0.0.0',
          message: 'objects and arrays nest deeper than 8 levels here',
        },
      ],
    });
  });

  it('refuses a URL with an encoded NUL with 400', async () => {
    const res = await post('{}', {}, '/things/YJ%00/notes');

    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: [{ field: '(url)', message: 'holds a NUL character' }],
    });
  });

  it('answers an uncaught error with 500, the correlation id and no detail', async () => {
    const res = await fetch(`${base}/things/boom`, { headers: { 'x-correlation-id': 'c-boom' } });

    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: 'INTERNAL', correlationId: 'c-boom' });
    expect(text).not.toContain('secret');
    const logged = lines.find((l) => l.msg === 'request failed');
    expect(logged).toMatchObject({ correlationId: 'c-boom', err: { stack: expect.any(String) } });
  });

  it('keeps Nest’s answer for an unknown route', async () => {
    const res = await fetch(`${base}/nowhere`);

    expect(res.status).toBe(404);
  });

  it('logs a request with its correlation id and application, without personal data', async () => {
    const res = await post('{}', { 'x-correlation-id': 'c-note' }, '/things/YJ-1/notes');
    expect(res.status).toBe(201);
    expect(res.headers.get('x-correlation-id')).toBe('c-note');

    const note = lines.find((l) => l.msg === 'note taken');
    expect(note).toMatchObject({ correlationId: 'c-note', applicationNo: 'YJ-1' });
    expect(JSON.stringify(lines)).not.toContain('13800000009');
    const completed = lines.find(
      (l) => l.msg === 'request completed' && (l.req as { url: string }).url.includes('YJ-1'),
    );
    expect(completed).toMatchObject({ correlationId: 'c-note', applicationNo: 'YJ-1' });
  });
});
