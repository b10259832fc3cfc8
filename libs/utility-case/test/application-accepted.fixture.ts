import { randomUUID } from 'node:crypto';

import { ApplicationAccepted, ApplicationForm, CURRENT_VERSION, Utility } from '@joint/contracts';

const SECTIONS = {
  power: { type: 'new', mainCapacityKva: 630, backupCapacityKva: 200 },
  water: { type: 'new_account', meterSizeDn: 50, dualSupply: false },
  gas: {
    usage: 'production',
    flowM3PerHour: 120,
    supplyPressureKpa: 200,
    expectedStartDate: '2027-03-01',
  },
} as const satisfies Pick<ApplicationForm, Utility>;

/** A valid `ApplicationAccepted` for tests, asking for `services`. */
export function applicationAccepted(
  applicationNo: string,
  services: Utility[],
  acceptedAt = new Date().toISOString(),
  sections: Partial<Pick<ApplicationForm, Utility>> = {},
): ApplicationAccepted {
  const firstContact = { staffId: 'YJ-GH-017', name: '王芳' };
  const form: ApplicationForm = {
    channel: 'government_hall',
    window: '叶集区政务服务中心 水电气联办窗口 2号',
    firstContact,
    enterprise: {
      name: '六安市叶集区某某木业有限公司',
      premisesOwnership: 'leased',
      contactName: '张伟',
      contactPhone: '13800000001',
      address: '六安市叶集区经济开发区纬三路 18 号',
    },
    ...Object.fromEntries(
      services.map((utility) => [utility, sections[utility] ?? SECTIONS[utility]]),
    ),
  };
  return {
    eventId: randomUUID(),
    type: 'ApplicationAccepted',
    version: CURRENT_VERSION,
    occurredAt: acceptedAt,
    applicationNo,
    producer: 'intake',
    correlationId: randomUUID(),
    data: { form, firstContact, acceptedAt, services },
  };
}
