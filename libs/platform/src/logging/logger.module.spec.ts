import { Writable } from 'node:stream';

import pino from 'pino';
import type { Options } from 'pino-http';

import { withLogContext } from '@joint/log-context';

import { loggerParams } from './logger.module';

function capture(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const options = loggerParams({ service: 'intake', logLevel: 'debug' }).pinoHttp as Options;
  const logger = pino(options, sink);
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines };
}

describe('loggerParams', () => {
  it('adds the log context in force to every line', () => {
    const { logger, lines } = capture();

    withLogContext({ correlationId: 'c-1', applicationNo: 'YJ-20261204-000001' }, () =>
      logger.info({ step: 'received' }, 'step recorded'),
    );
    logger.info('outside any work');

    expect(lines()[0]).toMatchObject({
      correlationId: 'c-1',
      applicationNo: 'YJ-20261204-000001',
      step: 'received',
    });
    expect(lines()[1]).not.toHaveProperty('correlationId');
  });

  it('redacts personal data wherever a form or a request body sits in a line', () => {
    const { logger, lines } = capture();
    const enterprise = { name: '某某木业', contactName: '张伟', contactPhone: '13800000001' };

    logger.info({ contactPhone: '13800000001' }, 'top');
    logger.info({ enterprise }, 'one level');
    logger.info({ data: { form: { enterprise } } }, 'an event');
    logger.info({ event: { data: { form: { enterprise } } } }, 'a wrapped event');
    logger.info(
      { req: { headers: { 'x-contact-phone': '13800000001' }, body: { enterprise } } },
      'req',
    );

    const text = JSON.stringify(lines());
    expect(text).not.toContain('13800000001');
    expect(text).not.toContain('张伟');
    expect(text).toContain('某某木业');
  });
});
