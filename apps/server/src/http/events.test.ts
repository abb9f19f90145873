import { describe, expect, it } from 'vitest';
import { canSee, type Viewer } from '@accord/core';
import { TEST_DATABASES, movableClock } from '../testing/databases.js';
import { buildLoggedInUser, logIn, type LoggedIn } from '../testing/factories.js';
import { useTestApp } from '../testing/use-test-app.js';
import { SYSTEM_CONTEXT } from '../services/context.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

/** A weekly cholera count in Kenya with an outbreak in 2024-W20…W22, so detection opens a signal. */
function kenyaCholeraCsv(): string {
  const lines = ['location,disease,metric,period,value'];
  for (let week = 1; week <= 30; week++) {
    const value = week >= 20 && week <= 22 ? 40 + week : 10 + (week % 3);
    lines.push(`KEN,cholera,cases,2024-W${String(week).padStart(2, '0')},${value}`);
  }
  return `${lines.join('\n')}\n`;
}

const ALL_YES = { '1.1': 'yes', '2.1': 'yes', '3.1': 'no', '3.2': 'no', '4.1': 'no', '4.2': 'no', '4.3': 'no', '4.4': 'no' };

describe.each(TEST_DATABASES)('events and the IHR procedures ($name)', (database) => {
  const time = movableClock(new Date('2026-03-02T08:00:00Z'));
  const context = useTestApp(database, time.clock);
  const call = (user: LoggedIn, method: Method, url: string, payload?: unknown) =>
    context.app.inject({ method, url, headers: user.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const users = async () => {
    const { app, runtime } = context;
    return {
      who: await buildLoggedInUser(app, runtime, { role: 'who_officer' }),
      kenya: await buildLoggedInUser(app, runtime, { role: 'nfp', countries: ['KEN'] }),
      uganda: await buildLoggedInUser(app, runtime, { role: 'nfp', countries: ['UGA'] }),
      observer: await buildLoggedInUser(app, runtime, { role: 'observer' }),
    };
  };
  const handMade = (overrides: Record<string, unknown> = {}) => ({
    title: 'Cluster of acute watery diarrhoea, Turkana',
    sourceKind: 'media',
    sourceText: 'Local radio reports 14 admissions in two days',
    sourceUrl: 'https://example.org/news/1',
    countries: ['KEN'],
    disease: 'cholera',
    dateEmergence: '2026-02-24',
    dateDetection: '2026-02-28',
    visibility: { level: 'restricted', countries: ['KEN'] },
    ...overrides,
  });

  it('carries a signal through verification, Annex 2, notification, risk, grading, 7-1-7 and publication', async () => {
    const people = await users();
    const { uganda } = people;
    let { who, kenya, observer } = people;
    // EARS C2 alarms on short series like this one (the default, Noufaily, needs years of history).
    await context.runtime.services.detection.updateConfig(SYSTEM_CONTEXT, 'cholera', { method: 'ears-c2' });
    expect(
      (
        await context.app.inject({
          method: 'POST',
          url: '/api/imports',
          headers: { ...who.headers, 'content-type': 'text/csv' },
          payload: kenyaCholeraCsv(),
        })
      ).statusCode,
    ).toBe(200);
    await context.runtime.services.detection.idle();
    const signal = (await call(who, 'GET', '/api/signals?country=KEN&disease=cholera')).json().items[0];
    expect(signal).toMatchObject({ status: 'new', firstAlarm: '2024-05-13' });

    // From the signal: disease, country, location and dates come from it; the signal becomes accepted.
    const created = await call(who, 'POST', '/api/events', {
      title: 'Cholera upsurge, Kenya',
      signals: [signal.id],
      visibility: { level: 'restricted', countries: ['KEN'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const event = created.json().event;
    expect(event).toMatchObject({
      disease: 'cholera',
      countries: ['KEN'],
      sourceKind: 'signal',
      status: 'under_verification',
      dateEmergence: '2024-05-13',
      dateDetection: '2026-03-02',
      grade: 'ungraded',
      version: 1,
    });
    expect(created.json().signals.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([[signal.id, 'accepted']]);
    // A signal belongs to one event.
    const again = await call(who, 'POST', '/api/events', { title: 'Twice', signals: [signal.id], visibility: { level: 'public' } });
    expect(again.statusCode).toBe(409);

    // Restricted to Kenya: Uganda's focal point and the observer do not know it exists.
    expect((await call(uganda, 'GET', `/api/events/${event.id}`)).statusCode).toBe(404);
    expect((await call(observer, 'GET', `/api/events/${event.id}`)).statusCode).toBe(404);
    expect((await call(uganda, 'GET', '/api/events')).json().total).toBe(0);

    // WHO asks Kenya to verify; Uganda cannot see or answer the request.
    const asked = await call(who, 'POST', `/api/events/${event.id}/verification-requests`, {
      question: 'Can you confirm the upsurge in Turkana?',
    });
    expect(asked.statusCode).toBe(201);
    const request = asked.json();
    expect(request).toMatchObject({
      country: 'KEN',
      dueAt: '2026-03-03T08:00:00.000Z',
      remindAt: '2026-03-03T02:00:00.000Z',
      state: 'awaiting',
    });
    expect(
      (await call(uganda, 'POST', `/api/verification-requests/${request.id}/answer`, { answer: 'confirmed', text: 'x' })).statusCode,
    ).toBe(404);
    expect((await call(uganda, 'GET', '/api/verification-requests')).json().total).toBe(0);
    expect((await call(kenya, 'GET', '/api/verification-requests?open=true')).json().items.map((r: { id: string }) => r.id)).toEqual([
      request.id,
    ]);
    time.advanceMinutes(120);
    const answered = await call(kenya, 'POST', `/api/verification-requests/${request.id}/answer`, {
      answer: 'confirmed',
      text: '23 cases, 2 confirmed by culture at the county laboratory',
    });
    expect(answered.json()).toMatchObject({ answer: 'confirmed', state: 'answered', answeredAt: '2026-03-02T10:00:00.000Z' });
    expect(
      (await call(kenya, 'POST', `/api/verification-requests/${request.id}/answer`, { answer: 'not_confirmed', text: 'x' })).statusCode,
    ).toBe(409);

    let detail = (await call(kenya, 'GET', `/api/events/${event.id}`)).json();
    const verified = await call(kenya, 'POST', `/api/events/${event.id}/status`, { version: detail.event.version, status: 'verified' });
    expect(verified.statusCode).toBe(200);

    // Kenya's Annex 2 assessment: two criteria → notify within 24 hours of the assessment.
    const assessed = await call(kenya, 'POST', `/api/events/${event.id}/annex2`, { hasHumanCase: true, subAnswers: ALL_YES });
    expect(assessed.statusCode).toBe(201);
    expect(assessed.json()).toMatchObject({
      version: 1,
      country: 'KEN',
      group: 'always_assess',
      outcome: 'notify',
      reason: 'two_or_more_criteria',
      criteriaMet: ['I_serious', 'II_unusual'],
      dueAt: '2026-03-03T10:00:00.000Z',
    });
    detail = (await call(kenya, 'GET', `/api/events/${event.id}`)).json();
    const notification = detail.notifications[0];
    expect(notification).toMatchObject({ country: 'KEN', dueAt: '2026-03-03T10:00:00.000Z', notifiedAt: null, late: false });
    time.advanceMinutes(26 * 60);
    // A day later the sessions of yesterday have expired.
    who = await logIn(context.app, who.user.username);
    kenya = await logIn(context.app, kenya.user.username);
    observer = await logIn(context.app, observer.user.username);
    const notified = await call(kenya, 'POST', `/api/ihr-notifications/${notification.id}/notified`, {});
    expect(notified.json()).toMatchObject({ notifiedAt: '2026-03-03T12:00:00.000Z', late: true });

    // WHO: risk and grade.
    const risk = await call(who, 'POST', `/api/events/${event.id}/risk-assessments`, {
      scale: 'national',
      likelihood: 'likely',
      likelihoodRationale: 'sustained transmission in two sub-counties',
      consequences: 'major',
      consequencesRationale: 'case fatality above 1 % and limited treatment centres',
      confidence: 'moderate',
    });
    expect(risk.json()).toMatchObject({ version: 1, level: 'high', matrixVersion: expect.any(String) });
    const graded = await call(who, 'POST', `/api/events/${event.id}/gradings`, {
      grade: 'grade_2',
      gradedOn: '2026-03-03',
      rationale: 'needs support beyond the country office',
      criteria: { scale: 'two sub-counties', urgency: 'rising' },
      triggeringAnalysisAt: '2026-03-03T06:00:00Z',
    });
    expect(graded.statusCode).toBe(201);
    expect(graded.json()).toMatchObject({ grade: 'grade_2', dueAt: '2026-03-04T06:00:00.000Z', late: false, reviewDue: '2026-06-01' });

    // 7-1-7: emergence 2024-05-13 → detection 2026-03-02 is far beyond 7 days; that is the bottleneck.
    for (const code of [
      'investigate',
      'analyse_and_assess',
      'lab_confirmation',
      'case_management_ipc',
      'risk_communication',
      'coordination',
    ])
      expect(
        (await call(kenya, 'PUT', `/api/events/${event.id}/response-actions/${code}`, { applicable: true, dateCompleted: '2026-03-03' }))
          .statusCode,
      ).toBe(200);
    detail = (
      await call(kenya, 'PUT', `/api/events/${event.id}/response-actions/community_countermeasures`, {
        applicable: false,
        dateCompleted: null,
      })
    ).json();
    expect(detail.timeliness).toMatchObject({
      detect: { status: 'missed' },
      notify: { days: 1, status: 'met' },
      respond: { days: 0, status: 'met' },
      all717: false,
      bottleneck: 'detect',
    });

    // Publication: everyone sees the event now, but not Kenya's IHR exchanges with WHO.
    const published = await call(who, 'PATCH', `/api/events/${event.id}`, {
      version: detail.event.version,
      visibility: { level: 'public' },
    });
    expect(published.statusCode).toBe(200);
    expect(published.json().event.publishedAt).toBe('2026-03-03T12:00:00.000Z');
    const seenByObserver = (await call(observer, 'GET', `/api/events/${event.id}`)).json();
    expect(seenByObserver.event).toMatchObject({ grade: 'grade_2', riskLevel: 'high', visibility: { level: 'public' } });
    expect(seenByObserver.verificationRequests).toEqual([]);
    expect(seenByObserver.annex2Assessments).toEqual([]);
    expect(seenByObserver.notifications).toEqual([]);
    expect(seenByObserver.updates.map((u: { kind: string }) => u.kind)).toContain('published');
    expect(seenByObserver.updates.map((u: { kind: string }) => u.kind)).not.toContain('verification_requested');
    expect(seenByObserver.permissions).toMatchObject({ edit: false, grade: false });

    const whoTimeline = (await call(who, 'GET', `/api/events/${event.id}`)).json().updates.map((u: { kind: string }) => u.kind);
    expect(whoTimeline.reverse()).toEqual([
      'created',
      'verification_requested',
      'verification_answered',
      'status_changed',
      'annex2_assessed',
      'notification_sent',
      'risk_assessed',
      'graded',
      ...Array(7).fill('response_action'),
      'published',
    ]);
    const report = (await call(who, 'GET', '/api/timeliness-717?groupBy=country')).json();
    expect(report.groups.find((g: { key: string }) => g.key === 'KEN')).toMatchObject({
      events: 1,
      detect: { met: 0, assessed: 1 },
      notify: { met: 1, assessed: 1 },
      bottleneck: 'detect',
    });
  });

  it('every reader sees exactly the events and updates their visibility admits, in lists as in single reads', async () => {
    const { app, runtime } = context;
    const { who, kenya, uganda, observer } = await users();
    const ngo = await runtime.services.reference.createOrganisation(SYSTEM_CONTEXT, { name: `NGO ${Math.random()}`, kind: 'partner_ngo' });
    const other = await runtime.services.reference.createOrganisation(SYSTEM_CONTEXT, {
      name: `Other ${Math.random()}`,
      kind: 'partner_ngo',
    });
    const partner = await buildLoggedInUser(app, runtime, { role: 'partner', organisationId: ngo.id });
    const stranger = await buildLoggedInUser(app, runtime, { role: 'partner', organisationId: other.id });
    const visibilities = [
      { level: 'who_internal' },
      { level: 'restricted', countries: ['KEN'] },
      { level: 'restricted', countries: ['UGA'], organisations: [ngo.id] },
      { level: 'states_parties' },
      { level: 'public' },
    ];
    const ids: string[] = [];
    for (const [i, visibility] of visibilities.entries()) {
      const response = await call(
        who,
        'POST',
        '/api/events',
        handMade({ title: `Matrix ${i} ${visibility.level}`, countries: ['KEN', 'UGA'], visibility }),
      );
      expect(response.statusCode).toBe(201);
      ids.push(response.json().event.id);
    }
    const expected: Record<string, number[]> = {
      who: [0, 1, 2, 3, 4],
      kenya: [1, 3, 4],
      uganda: [2, 3, 4],
      partner: [2, 4],
      stranger: [4],
      observer: [4],
    };
    const readers = { who, kenya, uganda, partner, stranger, observer };
    for (const [name, reader] of Object.entries(readers)) {
      const listed = (await call(reader, 'GET', '/api/events?q=Matrix&limit=500')).json().items.map((e: { id: string }) => e.id);
      const single = [];
      for (const id of ids) if ((await call(reader, 'GET', `/api/events/${id}`)).statusCode === 200) single.push(id);
      expect({ name, listed: [...listed].sort() }).toEqual({ name, listed: expected[name]!.map((i) => ids[i]!).sort() });
      expect({ name, single: [...single].sort() }).toEqual({ name, single: [...listed].sort() });
      // The SQL filter of the list and the rule of the single read are the same rule as the pure function.
      const viewer: Viewer = await runtime.services.events.viewer({
        actor: {
          kind: 'session',
          userId: reader.user.id,
          role: reader.user.role,
          scope: reader.user.scope.all ? { kind: 'all' } : { kind: 'countries', countries: reader.user.scope.countries as never },
        },
        actorLabel: name,
        requestId: null,
      });
      const byRule = visibilities.flatMap((v, i) =>
        canSee(viewer, { level: v.level as never, countries: v.countries ?? [], organisations: v.organisations ?? [] }) ? [ids[i]!] : [],
      );
      expect({ name, byRule: byRule.sort() }).toEqual({ name, byRule: [...listed].sort() });
    }

    // A situation update narrower than its event reaches only its own audience.
    const publicId = ids[4]!;
    const note = await call(who, 'POST', `/api/events/${publicId}/updates`, {
      text: 'Laboratory results pending for 3 samples',
      visibility: { level: 'who_internal' },
    });
    expect(note.statusCode).toBe(201);
    const kinds = async (reader: LoggedIn) =>
      (await call(reader, 'GET', `/api/events/${publicId}`)).json().updates.map((u: { kind: string }) => u.kind);
    expect(await kinds(who)).toContain('situation_update');
    expect(await kinds(observer)).not.toContain('situation_update');

    // Nobody may make an event invisible to themselves, or restrict it to nobody.
    const blind = await call(kenya, 'POST', '/api/events', handMade({ visibility: { level: 'who_internal' } }));
    expect(blind.statusCode).toBe(400);
    expect(blind.json().errors[0]).toMatchObject({
      field: 'body.visibility',
      reason: expect.stringContaining('no longer see this yourself'),
    });
    expect((await call(who, 'POST', '/api/events', handMade({ visibility: { level: 'restricted' } }))).json().detail).toMatch(
      /at least one country or organisation/,
    );
    // Observers and partners read but do not create; a focal point only for their countries.
    expect((await call(observer, 'POST', '/api/events', handMade())).statusCode).toBe(403);
    expect((await call(partner, 'POST', '/api/events', handMade())).statusCode).toBe(403);
    expect((await call(uganda, 'POST', '/api/events', handMade({ visibility: { level: 'public' } }))).statusCode).toBe(403);
    // Uganda sees the states-parties event of Kenya and Uganda and may change it; an event of Kenya only it may not.
    const kenyaOnly = (await call(who, 'POST', '/api/events', handMade({ visibility: { level: 'states_parties' } }))).json().event;
    const refused = await call(uganda, 'POST', `/api/events/${kenyaOnly.id}/counts`, { reportedOn: '2026-03-01', cases: 3, deaths: 0 });
    expect(refused.statusCode).toBe(403);
  });

  it('refuses bad input with the field and the reason, and changes nothing', async () => {
    const { who, kenya } = await users();
    const event = (await call(who, 'POST', '/api/events', handMade({ title: 'Bad input target' }))).json().event;
    const before = (await call(who, 'GET', `/api/events/${event.id}`)).json();

    const cases: [Method, string, unknown, number, RegExp][] = [
      ['POST', '/api/events', handMade({ countries: ['XXX'] }), 400, /unknown country XXX/],
      ['POST', '/api/events', handMade({ disease: 'flu-of-doom' }), 400, /unknown disease "flu-of-doom"/],
      [
        'POST',
        '/api/events',
        handMade({ dateEmergence: '2026-03-01', dateDetection: '2026-02-01' }),
        400,
        /cannot emerge .* after it was detected/,
      ],
      ['POST', '/api/events', handMade({ dateDetection: '2026-04-01' }), 400, /in the future/],
      ['POST', '/api/events', handMade({ sourceUrl: 'not a url' }), 400, /sourceUrl/],
      [
        'POST',
        `/api/events/${event.id}/status`,
        { version: 1, status: 'closed', reason: 'done' },
        400,
        /can become verified or discarded, not closed/,
      ],
      ['POST', `/api/events/${event.id}/status`, { version: 1, status: 'discarded' }, 400, /a reason is required to discard/],
      [
        'POST',
        `/api/events/${event.id}/status`,
        { version: 7, status: 'verified' },
        409,
        /changed by someone else .* version 7, it is now 1/,
      ],
      ['PATCH', `/api/events/${event.id}`, { version: 1, countries: [] }, 400, /countries/],
      [
        'POST',
        `/api/events/${event.id}/counts`,
        { reportedOn: '2026-03-01', cases: 3, deaths: 5 },
        400,
        /5 deaths is more than the 3 cases/,
      ],
      ['POST', `/api/events/${event.id}/counts`, { reportedOn: '2026-03-01', cases: -1, deaths: 0 }, 400, /cases/],
      [
        'POST',
        `/api/events/${event.id}/verification-requests`,
        { question: 'Confirm?', dueAt: '2026-03-01T08:00:00Z' },
        400,
        /not in the future/,
      ],
      [
        'POST',
        `/api/events/${event.id}/verification-requests`,
        { question: 'Confirm?', dueAt: '2026-03-09T08:00:00Z' },
        400,
        /at most 24 hours/,
      ],
      [
        'POST',
        `/api/events/${event.id}/verification-requests`,
        { question: 'Confirm?', country: 'UGA' },
        400,
        /UGA is not one of the event's countries/,
      ],
      ['POST', `/api/events/${event.id}/annex2`, { hasHumanCase: true, subAnswers: { '5.1': 'yes' } }, 400, /no guiding question 5.1/],
      [
        'POST',
        `/api/events/${event.id}/annex2`,
        { hasHumanCase: true, subAnswers: ALL_YES, overrides: { III_spread: { value: 'yes', justification: ' ' } } },
        400,
        /written justification/,
      ],
      [
        'POST',
        `/api/events/${event.id}/risk-assessments`,
        {
          scale: 'national',
          likelihood: 'possible',
          likelihoodRationale: 'x',
          consequences: 'minor',
          consequencesRationale: 'y',
          confidence: 'low',
        },
        400,
        /likelihood/,
      ],
      [
        'POST',
        `/api/events/${event.id}/risk-assessments`,
        {
          scale: 'national',
          likelihood: 'likely',
          likelihoodRationale: ' ',
          consequences: 'minor',
          consequencesRationale: 'y',
          confidence: 'low',
        },
        400,
        /rationale is required for likelihood/,
      ],
      [
        'POST',
        `/api/events/${event.id}/gradings`,
        { grade: 'grade_1', gradedOn: '2026-03-02', rationale: '' },
        400,
        /a rationale is required/,
      ],
      [
        'POST',
        `/api/events/${event.id}/gradings`,
        { grade: 'protracted_1', gradedOn: '2026-03-02', rationale: 'long' },
        400,
        /at least 180 days/,
      ],
      [
        'PUT',
        `/api/events/${event.id}/response-actions/investigate`,
        { applicable: false, dateCompleted: '2026-03-01' },
        400,
        /does not apply has no completion date/,
      ],
      [
        'PUT',
        `/api/events/${event.id}/response-actions/investigate`,
        { applicable: true, dateCompleted: '2026-02-01' },
        400,
        /before the event was detected/,
      ],
      ['PUT', `/api/events/${event.id}/response-actions/dance`, { applicable: true, dateCompleted: null }, 400, /code/],
    ];
    for (const [method, url, payload, status, detail] of cases) {
      const response = await call(who, method, url, payload);
      expect({ url, payload, status: response.statusCode }).toEqual({ url, payload, status });
      expect(response.json().detail).toMatch(detail);
    }
    // Grading is WHO's; Kenya may not grade.
    expect(
      (await call(kenya, 'POST', `/api/events/${event.id}/gradings`, { grade: 'grade_1', gradedOn: '2026-03-02', rationale: 'x' }))
        .statusCode,
    ).toBe(403);
    // A focal point assesses national risk only.
    const globalRisk = await call(kenya, 'POST', `/api/events/${event.id}/risk-assessments`, {
      scale: 'global',
      likelihood: 'likely',
      likelihoodRationale: 'x',
      consequences: 'minor',
      consequencesRationale: 'y',
      confidence: 'low',
    });
    expect(globalRisk.statusCode).toBe(403);

    const after = (await call(who, 'GET', `/api/events/${event.id}`)).json();
    expect(after).toEqual(before);
    expect((await call(who, 'GET', '/api/events?q=Bad%20input')).json().total).toBe(1);

    // A discarded event is not graded; cholera may not be closed without an Annex 2 assessment.
    const discarded = await call(who, 'POST', `/api/events/${event.id}/status`, {
      version: 1,
      status: 'discarded',
      reason: 'rumour not confirmed',
    });
    expect(discarded.statusCode).toBe(200);
    const grading = await call(who, 'POST', `/api/events/${event.id}/gradings`, {
      grade: 'grade_1',
      gradedOn: '2026-03-02',
      rationale: 'x',
    });
    expect(grading.statusCode).toBe(409);
    expect(grading.json().detail).toMatch(/a discarded event cannot be graded; reopen it first/);
    const other = (await call(who, 'POST', '/api/events', handMade())).json().event;
    await call(who, 'POST', `/api/events/${other.id}/status`, { version: 1, status: 'verified' });
    const closing = await call(who, 'POST', `/api/events/${other.id}/status`, { version: 2, status: 'closed', reason: 'over' });
    expect(closing.statusCode).toBe(400);
    expect(closing.json().detail).toMatch(/must always be assessed with the IHR Annex 2 instrument/);
  });

  it('reminds the focal point before the deadline and escalates within WHO after it, once, however many processes sweep', async () => {
    let { who, kenya } = await users();
    const event = (await call(who, 'POST', '/api/events', handMade({ title: 'Sweep test' }))).json().event;
    const request = (await call(who, 'POST', `/api/events/${event.id}/verification-requests`, { question: 'Confirm?' })).json();
    const events = context.runtime.services.events;
    expect(await events.sweepDeadlines()).toMatchObject({ reminded: 0, escalated: 0 });
    time.advanceMinutes(18 * 60 + 1);
    const sweeps = await Promise.all([events.sweepDeadlines(), events.sweepDeadlines(), events.sweepDeadlines()]);
    expect(sweeps.reduce((n, s) => n + s.reminded, 0)).toBe(1);
    time.advanceMinutes(6 * 60);
    const late = await Promise.all([events.sweepDeadlines(), events.sweepDeadlines()]);
    expect(late.reduce((n, s) => n + s.escalated, 0)).toBe(1);
    // A day later the sessions of the morning have expired.
    ({ who, kenya } = { who: await logIn(context.app, who.user.username), kenya: await logIn(context.app, kenya.user.username) });
    const open = await call(kenya, 'GET', `/api/verification-requests?open=true`);
    expect(open.statusCode, open.body).toBe(200);
    const seen = open.json().items.find((r: { id: string }) => r.id === request.id);
    expect(seen).toMatchObject({ state: 'overdue', remindedAt: expect.any(String), escalatedAt: expect.any(String) });
    const whoKinds = (await call(who, 'GET', `/api/events/${event.id}`)).json().updates.map((u: { kind: string }) => u.kind);
    expect(whoKinds.filter((k: string) => k.startsWith('verification_'))).toEqual([
      'verification_escalated',
      'verification_reminded',
      'verification_requested',
    ]);
    // The escalation is WHO's internal business: Kenya sees the reminder, not the escalation.
    const kenyaKinds = (await call(kenya, 'GET', `/api/events/${event.id}`)).json().updates.map((u: { kind: string }) => u.kind);
    expect(kenyaKinds).toContain('verification_reminded');
    expect(kenyaKinds).not.toContain('verification_escalated');
    // An answer after the deadline is recorded as late.
    const answer = await call(kenya, 'POST', `/api/verification-requests/${request.id}/answer`, {
      answer: 'not_confirmed',
      text: 'No such cluster',
    });
    expect(answer.json().state).toBe('answered_late');
  });

  it('keeps assessments, gradings and the timeline unchangeable in the database itself', async () => {
    const { who } = await users();
    const event = (await call(who, 'POST', '/api/events', handMade({ title: 'Immutable' }))).json().event;
    await call(who, 'POST', `/api/events/${event.id}/annex2`, { hasHumanCase: false, subAnswers: ALL_YES });
    const db = context.runtime.handle.db;
    await expect(
      db.updateTable('annex2_assessments').set({ outcome: 'not_notified_reassess' }).where('event_id', '=', event.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('event_updates').where('event_id', '=', event.id).execute()).rejects.toThrow(/append-only/);
  });
});
