import { describe, expect, it } from 'vitest';
import { EVENT_STATUSES } from '../ihr/event-status.js';
import { RISK_LEVELS } from '../ihr/risk.js';
import { CAP_CERTAINTIES, CAP_SEVERITIES, CAP_URGENCIES } from './cap.js';
import { capCertaintyForStatus, capMsgTypeForEvent, capSeverityForRisk, capUrgencyForStatus } from './cap-mappings.js';

describe('capSeverityForRisk', () => {
  it('maps the four risk levels one to one, in order, and no assessment to Unknown', () => {
    expect(RISK_LEVELS.map(capSeverityForRisk)).toEqual(['Minor', 'Moderate', 'Severe', 'Extreme']);
    expect(capSeverityForRisk(null)).toBe('Unknown');
  });
});

describe('capCertaintyForStatus', () => {
  it('follows verification', () => {
    expect(Object.fromEntries(EVENT_STATUSES.map((s) => [s, capCertaintyForStatus(s)]))).toEqual({
      under_verification: 'Possible',
      verified: 'Observed',
      discarded: 'Unlikely',
      monitoring: 'Observed',
      closed: 'Observed',
    });
  });
});

describe('capUrgencyForStatus', () => {
  it('is Past once the event is closed or discarded, whatever the risk', () => {
    for (const risk of [...RISK_LEVELS, null]) {
      expect(capUrgencyForStatus('closed', risk)).toBe('Past');
      expect(capUrgencyForStatus('discarded', risk)).toBe('Past');
    }
  });

  it('is Immediate for a very high risk and Expected otherwise while the event is open', () => {
    for (const status of ['under_verification', 'verified', 'monitoring'] as const) {
      expect(capUrgencyForStatus(status, 'very_high')).toBe('Immediate');
      for (const risk of ['low', 'moderate', 'high', null] as const) expect(capUrgencyForStatus(status, risk)).toBe('Expected');
    }
  });
});

describe('capMsgTypeForEvent', () => {
  it('cancels earlier alerts when the event is discarded, and sends nothing when there were none', () => {
    expect(capMsgTypeForEvent('discarded', true)).toBe('Cancel');
    expect(capMsgTypeForEvent('discarded', false)).toBeNull();
  });

  it('updates an event already alerted on, and alerts on a new one', () => {
    for (const status of ['under_verification', 'verified', 'monitoring', 'closed'] as const) {
      expect(capMsgTypeForEvent(status, true)).toBe('Update');
      expect(capMsgTypeForEvent(status, false)).toBe('Alert');
    }
  });
});

it('uses only values CAP defines', () => {
  for (const risk of [...RISK_LEVELS, null]) expect(CAP_SEVERITIES).toContain(capSeverityForRisk(risk));
  for (const status of EVENT_STATUSES) {
    expect(CAP_CERTAINTIES).toContain(capCertaintyForStatus(status));
    expect(CAP_URGENCIES).toContain(capUrgencyForStatus(status, null));
  }
});
