import { describe, expect, it } from 'vitest';
import { EVENT_STATUSES, allowedNextStatuses, statusChangeProblems, type StatusChange } from './event-status.js';

const change = (over: Partial<StatusChange>): StatusChange => ({
  from: 'under_verification',
  to: 'verified',
  group: 'other',
  hasAnnex2Assessment: false,
  reason: '',
  ...over,
});

describe('event status', () => {
  it('follows the lifecycle: under verification → verified or discarded → monitoring → closed', () => {
    expect(statusChangeProblems(change({}))).toEqual([]);
    expect(statusChangeProblems(change({ to: 'discarded', reason: 'rumour not confirmed by the district team' }))).toEqual([]);
    expect(statusChangeProblems(change({ from: 'verified', to: 'monitoring' }))).toEqual([]);
    expect(statusChangeProblems(change({ from: 'monitoring', to: 'closed', reason: 'no new case for 42 days' }))).toEqual([]);
    expect(statusChangeProblems(change({ to: 'closed', reason: 'x' }))).toEqual([
      'an event under verification can become verified or discarded, not closed',
    ]);
    expect(statusChangeProblems(change({ to: 'finished' }))).toEqual([
      `status must be one of ${EVENT_STATUSES.join(', ')}, not "finished"`,
    ]);
  });

  it('needs a reason to discard, close or reopen', () => {
    expect(statusChangeProblems(change({ to: 'discarded' }))).toEqual(['a reason is required to discard an event']);
    expect(statusChangeProblems(change({ from: 'monitoring', to: 'closed', reason: ' ' }))).toEqual([
      'a reason is required to close an event',
    ]);
    expect(statusChangeProblems(change({ from: 'closed', to: 'monitoring' }))).toEqual(['a reason is required to reopen an event']);
  });

  it('refuses to close an event of an always-assessed disease (e.g. cholera) without an Annex 2 assessment', () => {
    const closing = change({ from: 'monitoring', to: 'closed', group: 'always_assess', reason: 'over' });
    expect(statusChangeProblems(closing)).toEqual([
      'this disease must always be assessed with the IHR Annex 2 instrument: record an assessment before closing the event',
    ]);
    expect(statusChangeProblems({ ...closing, hasAnnex2Assessment: true })).toEqual([]);
    expect(statusChangeProblems({ ...closing, group: null })).toEqual([]);
  });

  it('lists the statuses an event can move to', () => {
    expect(allowedNextStatuses('discarded')).toEqual(['under_verification']);
    expect(allowedNextStatuses('closed')).toEqual(['monitoring']);
  });
});
