import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { REPO_ROOT } from '../support/shared';

interface ComposeService {
  image?: string;
  build?: { context: string; args?: Record<string, string> };
  environment?: Record<string, string | number>;
  ports?: string[];
}

const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, ComposeService> };

/** The processes and ports of CONTRACT.md. */
const CONTRACT_SERVICES = { intake: 3000, power: 3001, water: 3002, gas: 3003, permits: 3004 };

describe('docker-compose.yml', () => {
  it.each(Object.entries(CONTRACT_SERVICES))(
    'builds %s from this repository and publishes port %i',
    (name, port) => {
      const service = compose.services[name];

      expect(service.build?.args?.SERVICE).toBe(name);
      expect(service.environment?.PORT).toBe(String(port));
      expect(service.ports).toContain(`${port}:${port}`);
      expect(service.environment?.KAFKA_BROKERS).toBe('kafka:9092');
      expect(String(service.environment?.DATABASE_URL)).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    },
  );

  it('runs the official Apache Kafka image in KRaft mode on 9092', () => {
    const kafka = compose.services.kafka;

    expect(kafka.image).toMatch(/^apache\/kafka:4\./);
    expect(kafka.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(kafka.environment?.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe(1);
    expect(kafka.ports).toContain('9092:9092');
  });

  it('runs PostgreSQL on 5432', () => {
    expect(compose.services.postgres.image).toMatch(/^postgres:/);
    expect(compose.services.postgres.ports).toContain('5432:5432');
  });
});
