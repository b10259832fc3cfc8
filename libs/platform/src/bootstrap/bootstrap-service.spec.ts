import { EventEmitter } from 'node:events';

import { INestApplication } from '@nestjs/common';

import { closeOnSignals, shutdownTimeoutMs } from './bootstrap-service';

function fakeApp(close: () => Promise<void>) {
  const server = { close: jest.fn() };
  const app = { close: jest.fn(close), getHttpServer: () => server };
  return { app: app as unknown as INestApplication, server, close: app.close };
}

describe('closeOnSignals', () => {
  it('stops accepting, closes the app once, and exits 0', async () => {
    const signals = new EventEmitter();
    const exit = jest.fn();
    const { app, server, close } = fakeApp(() => Promise.resolve());
    closeOnSignals(app, { signals, exit, timeoutMs: 1_000 });

    signals.emit('SIGTERM');
    signals.emit('SIGINT');
    await new Promise((resolve) => setImmediate(resolve));

    expect(server.close).toHaveBeenCalled();
    expect(close).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('exits 1 when closing takes longer than the bound', async () => {
    const signals = new EventEmitter();
    const exit = jest.fn();
    const { app } = fakeApp(() => new Promise(() => undefined));
    closeOnSignals(app, { signals, exit, timeoutMs: 20 });

    signals.emit('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(exit).toHaveBeenCalledWith(1);
  });
});

describe('shutdownTimeoutMs', () => {
  it('reads SHUTDOWN_TIMEOUT_MS with 25 s by default', () => {
    expect(shutdownTimeoutMs({})).toBe(25_000);
    expect(shutdownTimeoutMs({ SHUTDOWN_TIMEOUT_MS: '5000' })).toBe(5_000);
  });
});
