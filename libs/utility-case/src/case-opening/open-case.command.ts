import { ApplicationAccepted, Utility } from '@joint/contracts';

import { UtilityRequest } from '../case/utility-case.entity';

/** An accepted application that asks this utility for a connection, with its section. */
export interface OpenCase {
  accepted: ApplicationAccepted;
  request: UtilityRequest;
}

/**
 * The command to open `utility`'s case for `accepted`, or none when the
 * application does not ask for this utility. Both the list of services and
 * the section itself must be there: the form's checks make them agree.
 */
export function openCaseFor(accepted: ApplicationAccepted, utility: Utility): OpenCase | null {
  const request = accepted.data.form[utility];
  if (!accepted.data.services.includes(utility) || request == null) return null;
  return { accepted, request };
}
