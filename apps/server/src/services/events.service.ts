import { sql, type Kysely, type Selectable } from 'kysely';
import {
  DEFAULT_GRADING_RULES,
  EARLY_RESPONSE_ACTIONS,
  RISK_SCALES,
  TimelinessError,
  aggregateBottleneck,
  aggregateTimeliness,
  allowedNextStatuses,
  canSee,
  characterizeRisk,
  computeTimeliness,
  decideAnnex2,
  deriveCriteria,
  gradeReviewDue,
  gradingProblems,
  gradingTimeliness,
  ihrChannelVisibility,
  isIsoInstant,
  isWhoViewer,
  notificationTimeliness,
  statusChangeProblems,
  timelinessBottleneck,
  verificationDeadlineProblems,
  verificationDeadlines,
  verificationState,
  visibilityProblems,
  type Annex2Group,
  type Annex2SubQuestion,
  type Annex2Answer,
  type Annex2Criterion,
  type EventStatus,
  type EventUpdateKind,
  type Grade,
  type IsoDate,
  type RiskScale,
  type TimelinessResult,
  type Viewer,
  type Visibility,
} from '@accord/core';
import type {
  Annex2Dto,
  AnswerVerificationDto,
  ChangeEventStatusDto,
  CreateEventDto,
  EventDetailDto,
  EventDto,
  EventUpdateDto,
  GradingInputDto,
  ReportCountsDto,
  RiskAssessmentInputDto,
  RequestVerificationDto,
  SituationUpdateDto,
  TimelinessReportDto,
  UpdateEventDto,
  VerificationRequestDto,
  VisibilityDto,
} from '@accord/contracts';
import type { Database, EventsTable, VerificationRequestsTable } from '../db/schema.js';
import { AppError, invalidField, notFound } from './app-error.js';
import { actsForCountry, recordAudit, type Clock, type RequestContext } from './context.js';
import type { DetectionService } from './detection.service.js';

type EventRow = Selectable<EventsTable>;
type Db = Kysely<Database>;

/** The widest scale first: an event's headline risk is its widest assessment. */
const SCALES_WIDEST_FIRST: readonly RiskScale[] = [...RISK_SCALES].reverse();

/**
 * Events and the IHR procedures on them. Every read and write goes through the event's visibility
 * (packages/core/src/ihr/visibility.ts) and every change is an entry in the event's timeline, written
 * in the same transaction; deliveries to subscribers are made from those entries.
 */
export class EventsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly detection: DetectionService,
  ) {}

  /** The reader as the visibility rule needs them: role, country scope and organisation. */
  async viewer(ctx: RequestContext): Promise<Viewer> {
    if (ctx.system) return { role: 'admin', scope: { kind: 'all' }, organisationId: null };
    const actor = ctx.actor;
    if (actor.kind === 'anonymous') return { role: null, scope: { kind: 'countries', countries: [] }, organisationId: null };
    const user = await this.db.selectFrom('users').select('organisation_id').where('id', '=', actor.userId).executeTakeFirst();
    return { role: actor.role, scope: actor.scope, organisationId: user?.organisation_id ?? null };
  }

  // ── reading ────────────────────────────────────────────────────────────────────────────────

  async list(
    ctx: RequestContext,
    filter: { status?: string; country?: string; region?: string; disease?: string; grade?: string; visibility?: string; q?: string },
    page: { limit: number; offset: number },
  ): Promise<{ items: EventDto[]; total: number; limit: number; offset: number }> {
    const viewer = await this.viewer(ctx);
    let query = this.db.selectFrom('events as e').leftJoin('diseases as d', 'd.id', 'e.disease_id').where(visibleTo(viewer, 'e'));
    if (filter.status !== undefined) query = query.where('e.status', '=', filter.status);
    if (filter.country !== undefined) query = query.where(sql<boolean>`e.countries @> ARRAY[${filter.country}]::char(3)[]`);
    if (filter.region !== undefined)
      query = query.where(sql<boolean>`e.countries && ARRAY(SELECT iso3 FROM countries WHERE who_region = ${filter.region})::char(3)[]`);
    if (filter.disease !== undefined) query = query.where('d.code', '=', filter.disease);
    if (filter.grade !== undefined) query = query.where('e.grade', '=', filter.grade);
    if (filter.visibility !== undefined) query = query.where('e.visibility', '=', filter.visibility);
    if (filter.q !== undefined && filter.q.trim() !== '')
      query = query.where(sql<boolean>`e.title ILIKE ${'%' + filter.q.trim().replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
    const [rows, count] = await Promise.all([
      query
        .selectAll('e')
        .select('d.code as disease')
        .orderBy('e.updated_at', 'desc')
        .orderBy('e.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((row) => toEventDto(row, row.disease)), total: Number(count.n), ...page };
  }

  async get(ctx: RequestContext, id: string): Promise<EventDetailDto> {
    const viewer = await this.viewer(ctx);
    const row = await this.db
      .selectFrom('events as e')
      .leftJoin('diseases as d', 'd.id', 'e.disease_id')
      .selectAll('e')
      .select('d.code as disease')
      .where('e.id', '=', id)
      .executeTakeFirst();
    if (!row || !canSee(viewer, eventVisibility(row))) throw notFound(`event ${id}`);
    return this.detail(ctx, viewer, row, row.disease);
  }

  private async detail(ctx: RequestContext, viewer: Viewer, row: EventRow, disease: string | null): Promise<EventDetailDto> {
    const db = this.db;
    const [locations, signalIds, counts, updates, requests, assessments, notifications, risks, gradings, actions, group] =
      await Promise.all([
        db
          .selectFrom('event_locations as el')
          .innerJoin('locations as l', 'l.id', 'el.location_id')
          .select(['l.code', 'l.name', 'l.country'])
          .where('el.event_id', '=', row.id)
          .orderBy('l.code')
          .execute(),
        db.selectFrom('event_signals').select('signal_id').where('event_id', '=', row.id).execute(),
        db.selectFrom('event_counts').selectAll().where('event_id', '=', row.id).orderBy('reported_on').execute(),
        db.selectFrom('event_updates').selectAll().where('event_id', '=', row.id).orderBy('seq', 'desc').execute(),
        this.requests().where('v.event_id', '=', row.id).orderBy('v.sent_at', 'desc').execute(),
        db.selectFrom('annex2_assessments').selectAll().where('event_id', '=', row.id).orderBy('version', 'desc').execute(),
        db.selectFrom('ihr_notifications').selectAll().where('event_id', '=', row.id).orderBy('due_at').execute(),
        db.selectFrom('risk_assessments').selectAll().where('event_id', '=', row.id).orderBy('assessed_at', 'desc').execute(),
        db.selectFrom('gradings').selectAll().where('event_id', '=', row.id).orderBy('recorded_at', 'desc').execute(),
        db.selectFrom('event_response_actions').selectAll().where('event_id', '=', row.id).execute(),
        this.annex2Group(db, row.disease_id),
      ]);
    const now = this.clock().toISOString();
    const onIhrChannel = (country: string) => canSee(viewer, ihrChannelVisibility([country]));
    const signals = await this.detection.signalsByIds(
      ctx,
      signalIds.map((s) => s.signal_id),
    );
    const manage = this.mayManage(ctx, viewer, row);
    const who = ctx.system === true || isWhoViewer(viewer);
    const nfpCountries = viewer.role === 'nfp' ? row.countries.filter((c) => actsForCountry(ctx, c)) : [];
    return {
      event: toEventDto(row, disease),
      description: row.description,
      sourceText: row.source_text,
      sourceUrl: row.source_url,
      locations: locations.map((l) => ({ code: l.code, name: l.name, country: l.country })),
      signals,
      counts: counts.map((c) => ({ reportedOn: c.reported_on, cases: c.cases, deaths: c.deaths, note: c.note })),
      updates: updates.filter((u) => canSee(viewer, updateVisibility(u))).map(toUpdateDto),
      verificationRequests: requests.filter((r) => onIhrChannel(r.country)).map((r) => toRequestDto(r, now)),
      annex2Assessments: assessments
        .filter((a) => onIhrChannel(a.country))
        .map((a) => ({
          id: a.id,
          version: a.version,
          country: a.country,
          group: a.group_applied,
          hasHumanCase: a.has_human_case,
          subAnswers: a.sub_answers,
          overrides: a.overrides,
          criteria: a.criteria,
          outcome: a.outcome as 'notify' | 'not_notified_reassess',
          reason: a.reason,
          criteriaMet: a.criteria_met,
          note: a.note,
          assessedAt: a.assessed_at.toISOString(),
          dueAt: a.due_at?.toISOString() ?? null,
          assessedBy: a.assessed_by_label,
        })),
      notifications: notifications.filter((n) => onIhrChannel(n.country)).map((n) => toNotificationDto(n, now)),
      riskAssessments: risks.map((r) => ({
        id: r.id,
        scale: r.scale,
        version: r.version,
        hazardText: r.hazard_text,
        exposureText: r.exposure_text,
        contextText: r.context_text,
        likelihood: r.likelihood,
        likelihoodRationale: r.likelihood_rationale,
        consequences: r.consequences,
        consequencesRationale: r.consequences_rationale,
        level: r.level as EventDto['riskLevel'] & string,
        confidence: r.confidence,
        matrixVersion: r.matrix_version,
        nextReviewDue: r.next_review_due,
        assessedAt: r.assessed_at.toISOString(),
        assessedBy: r.assessed_by_label,
      })),
      gradings: gradings.map((g) => ({
        id: g.id,
        grade: g.grade as Grade,
        gradedOn: g.graded_on,
        rationale: g.rationale,
        criteria: g.criteria,
        triggeringAnalysisAt: g.triggering_analysis_at?.toISOString() ?? null,
        dueAt: g.due_at?.toISOString() ?? null,
        late: g.due_at !== null && g.recorded_at.getTime() > g.due_at.getTime(),
        reviewDue: g.review_due,
        recordedAt: g.recorded_at.toISOString(),
        recordedBy: g.recorded_by_label,
      })),
      responseActions: EARLY_RESPONSE_ACTIONS.map((code) => {
        const action = actions.find((a) => a.code === code);
        return { code, applicable: action?.applicable ?? true, dateCompleted: action?.date_completed ?? null };
      }),
      timeliness: this.timelinessOf(row, actions),
      allowedNextStatuses: [...allowedNextStatuses(row.status as EventStatus)],
      permissions: {
        edit: manage,
        requestVerification: who,
        answerVerification: nfpCountries.length > 0,
        assessAnnex2: manage && (who || nfpCountries.length > 0) && group !== undefined,
        assessRisk: manage,
        grade: who,
      },
    };
  }

  /** The event's 7-1-7 timeline, or why it cannot be measured (e.g. dates out of order). */
  private measure717(
    row: EventRow,
    actions: readonly { code: string; applicable: boolean; date_completed: string | null }[],
  ): TimelinessResult | TimelinessError {
    try {
      return computeTimeliness(
        {
          dateEmergence: row.date_emergence,
          dateDetection: row.date_detection,
          dateNotification: row.date_notification,
          responseActions: actions.map((a) => ({
            code: a.code as (typeof EARLY_RESPONSE_ACTIONS)[number],
            applicable: a.applicable,
            dateCompleted: a.date_completed,
          })),
        },
        { today: today(this.clock()) },
      );
    } catch (error) {
      if (error instanceof TimelinessError) return error;
      throw error;
    }
  }

  private timelinessOf(
    row: EventRow,
    actions: readonly { code: string; applicable: boolean; date_completed: string | null }[],
  ): EventDetailDto['timeliness'] {
    const result = this.measure717(row, actions);
    if (!(result instanceof TimelinessError)) return { ...result, bottleneck: timelinessBottleneck(result), problem: null };
    const open = { days: null, status: 'pending' as const };
    return {
      dateEarlyResponseInitiation: null,
      dateEarlyResponseCompletion: null,
      detect: open,
      notify: open,
      respond: open,
      all717: null,
      bottleneck: null,
      problem: result.message,
    };
  }

  /** WHO and administrators manage every event they see; a focal point the events of their countries. */
  private mayManage(ctx: RequestContext, viewer: Viewer, row: EventRow): boolean {
    if (ctx.system) return true;
    if (!canSee(viewer, eventVisibility(row))) return false;
    if (viewer.role === 'admin' || viewer.role === 'who_officer') return true;
    return viewer.role === 'nfp' && row.countries.some((c) => actsForCountry(ctx, c));
  }

  // ── creating and editing ───────────────────────────────────────────────────────────────────

  async create(ctx: RequestContext, input: CreateEventDto): Promise<EventDetailDto> {
    const viewer = await this.viewer(ctx);
    const now = this.clock();
    const id = await this.db.transaction().execute(async (trx) => {
      const signals = await this.claimSignals(trx, ctx, input.signals ?? [], null);
      const countries = [...new Set(input.countries ?? signals.map((s) => s.country))];
      if (countries.length === 0) throw invalidField('body.countries', 'name the countries affected (or make the event from signals)');
      await this.checkCountries(trx, ctx, countries, 'body.countries');
      const outside = signals.filter((s) => !countries.includes(s.country));
      if (outside.length > 0)
        throw invalidField('body.signals', `signal ${outside[0]!.id} is in ${outside[0]!.country}, not in the event's countries`);
      const visibility = this.checkVisibility(viewer, input.visibility);
      const signalDiseases = [...new Set(signals.map((s) => s.disease_id))];
      const diseaseId =
        input.disease !== undefined ? await this.diseaseId(trx, input.disease) : signalDiseases.length === 1 ? signalDiseases[0]! : null;
      const dateDetection = input.dateDetection ?? earliest(signals.map((s) => s.created_at.toISOString().slice(0, 10))) ?? today(now);
      const dateEmergence = input.dateEmergence ?? earliest(signals.map((s) => s.first_alarm)) ?? null;
      checkKeyDates(dateEmergence, dateDetection, today(now));
      const actor = ctx.actor;
      const row = await trx
        .insertInto('events')
        .values({
          title: input.title.trim(),
          description: input.description ?? '',
          disease_id: diseaseId,
          hazard: input.hazard ?? null,
          countries,
          source_kind: input.sourceKind ?? (signals.length > 0 ? 'signal' : 'other'),
          source_text: input.sourceText ?? null,
          source_url: input.sourceUrl ?? null,
          status: 'under_verification',
          visibility: visibility.level,
          visible_countries: [...visibility.countries],
          visible_organisations: [...visibility.organisations],
          date_emergence: dateEmergence,
          date_detection: dateDetection,
          published_at: visibility.level === 'public' ? now : null,
          created_at: now,
          created_by: actor.kind === 'anonymous' ? null : actor.userId,
          created_by_label: ctx.actorLabel,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const locationIds = [
        ...new Set([...(await this.locationIds(trx, input.locations ?? [], countries)), ...signals.map((s) => s.location_id)]),
      ];
      if (locationIds.length > 0)
        await trx
          .insertInto('event_locations')
          .values(locationIds.map((location_id) => ({ event_id: row.id, location_id })))
          .execute();
      await this.linkClaimed(trx, ctx, row.id, signals, now);
      await this.append(trx, ctx, row, 'created', { title: row.title, countries, status: row.status, signals: signals.length }, now);
      return row.id;
    });
    return this.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, input: UpdateEventDto): Promise<EventDetailDto> {
    const viewer = await this.viewer(ctx);
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      const before = await this.lockForManage(trx, ctx, viewer, id, input.version);
      const countries = input.countries ? [...new Set(input.countries)] : before.countries;
      if (input.countries) await this.checkCountries(trx, ctx, countries, 'body.countries');
      const visibility = input.visibility ? this.checkVisibility(viewer, input.visibility) : eventVisibility(before);
      const dateEmergence = input.dateEmergence === undefined ? before.date_emergence : input.dateEmergence;
      const dateDetection = input.dateDetection ?? before.date_detection;
      checkKeyDates(dateEmergence, dateDetection, today(now));
      const changes = {
        title: input.title?.trim() ?? before.title,
        description: input.description ?? before.description,
        disease_id: input.disease === undefined ? before.disease_id : await this.diseaseId(trx, input.disease),
        hazard: input.hazard === undefined ? before.hazard : input.hazard,
        countries,
        source_kind: input.sourceKind ?? before.source_kind,
        source_text: input.sourceText === undefined ? before.source_text : input.sourceText,
        source_url: input.sourceUrl === undefined ? before.source_url : input.sourceUrl,
        visibility: visibility.level,
        visible_countries: [...visibility.countries],
        visible_organisations: [...visibility.organisations],
        date_emergence: dateEmergence,
        date_detection: dateDetection,
      };
      const published = visibility.level === 'public' && before.visibility !== 'public';
      const after = await trx
        .updateTable('events')
        .set({
          ...changes,
          ...(published ? { published_at: now } : {}),
          updated_at: now,
          version: before.version + 1,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (input.locations !== undefined) {
        const locationIds = await this.locationIds(trx, input.locations, countries);
        await trx.deleteFrom('event_locations').where('event_id', '=', id).execute();
        if (locationIds.length > 0)
          await trx
            .insertInto('event_locations')
            .values(locationIds.map((location_id) => ({ event_id: id, location_id })))
            .execute();
      }
      const changed = Object.keys(changes).filter(
        (key) => JSON.stringify(changes[key as keyof typeof changes]) !== JSON.stringify(before[key as keyof EventRow]),
      );
      if (published) await this.append(trx, ctx, after, 'published', { from: before.visibility }, now);
      const rest = changed.filter((key) => !published || !key.startsWith('visib'));
      if (rest.length > 0 || input.locations !== undefined)
        await this.append(trx, ctx, after, 'edited', { fields: rest.concat(input.locations !== undefined ? ['locations'] : []) }, now);
    });
    return this.get(ctx, id);
  }

  async changeStatus(ctx: RequestContext, id: string, input: ChangeEventStatusDto): Promise<EventDetailDto> {
    const viewer = await this.viewer(ctx);
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      const before = await this.lockForManage(trx, ctx, viewer, id, input.version);
      const group = await this.annex2Group(trx, before.disease_id);
      const assessed = await trx.selectFrom('annex2_assessments').select('id').where('event_id', '=', id).executeTakeFirst();
      const problems = statusChangeProblems({
        from: before.status as EventStatus,
        to: input.status,
        group: group ?? null,
        hasAnnex2Assessment: assessed !== undefined,
        reason: input.reason ?? '',
      });
      if (problems.length > 0)
        throw new AppError(
          'validation_failed',
          problems.join('; '),
          problems.map((reason) => ({ field: reason.startsWith('a reason') ? 'body.reason' : 'body.status', reason })),
        );
      const after = await trx
        .updateTable('events')
        .set({ status: input.status, updated_at: now, version: before.version + 1 })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.append(trx, ctx, after, 'status_changed', { from: before.status, to: input.status, reason: input.reason ?? null }, now);
    });
    return this.get(ctx, id);
  }

  async linkSignals(ctx: RequestContext, id: string, signalIds: readonly string[]): Promise<EventDetailDto> {
    const viewer = await this.viewer(ctx);
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      const event = await this.lockForManage(trx, ctx, viewer, id, null);
      const signals = await this.claimSignals(trx, ctx, signalIds, id);
      const outside = signals.filter((s) => !event.countries.includes(s.country));
      if (outside.length > 0)
        throw invalidField('body.signals', `signal ${outside[0]!.id} is in ${outside[0]!.country}; add that country to the event first`);
      await this.linkClaimed(trx, ctx, id, signals, now);
      await trx
        .insertInto('event_locations')
        .values(signals.map((s) => ({ event_id: id, location_id: s.location_id })))
        .onConflict((oc) => oc.doNothing())
        .execute();
      const after = await this.touch(trx, id, now);
      await this.append(trx, ctx, after, 'signals_linked', { signals: signals.map((s) => s.id) }, now);
    });
    return this.get(ctx, id);
  }

  async reportCounts(ctx: RequestContext, id: string, input: ReportCountsDto): Promise<EventDetailDto> {
    const viewer = await this.viewer(ctx);
    const now = this.clock();
    if (input.reportedOn > today(now)) throw invalidField('body.reportedOn', `${input.reportedOn} is in the future`);
    if (input.deaths > input.cases) throw invalidField('body.deaths', `${input.deaths} deaths is more than the ${input.cases} cases`);
    await this.db.transaction().execute(async (trx) => {
      await this.lockForManage(trx, ctx, viewer, id, null);
      const values = {
        cases: input.cases,
        deaths: input.deaths,
        note: input.note ?? null,
        recorded_at: now,
        recorded_by_label: ctx.actorLabel,
      };
      await trx
        .insertInto('event_counts')
        .values({ event_id: id, reported_on: input.reportedOn, ...values })
        .onConflict((oc) => oc.columns(['event_id', 'reported_on']).doUpdateSet(values))
        .execute();
      const after = await this.touch(trx, id, now);
      await this.append(
        trx,
        ctx,
        after,
        'counts_reported',
        { reportedOn: input.reportedOn, cases: input.cases, deaths: input.deaths },
        now,
      );
    });
    return this.get(ctx, id);
  }

  async addSituationUpdate(ctx: RequestContext, id: string, input: SituationUpdateDto): Promise<EventUpdateDto> {
    const viewer = await this.viewer(ctx);
    const now = this.clock();
    const text = input.text.trim();
    if (text === '') throw invalidField('body.text', 'write the update');
    const visibility = input.visibility ? this.checkVisibility(viewer, input.visibility) : undefined;
    const seq = await this.db.transaction().execute(async (trx) => {
      await this.lockForManage(trx, ctx, viewer, id, null);
      const after = await this.touch(trx, id, now);
      return this.append(trx, ctx, after, 'situation_update', { text }, now, visibility);
    });
    const row = await this.db.selectFrom('event_updates').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
    return toUpdateDto(row);
  }

  // ── verification (IHR Article 10) ──────────────────────────────────────────────────────────

  private requests() {
    return this.db
      .selectFrom('verification_requests as v')
      .innerJoin('events as e', 'e.id', 'v.event_id')
      .selectAll('v')
      .select(['e.number as event_number', 'e.title as event_title']);
  }

  async requestVerification(ctx: RequestContext, id: string, input: RequestVerificationDto): Promise<VerificationRequestDto> {
    const viewer = await this.viewer(ctx);
    const now = this.clock();
    const sentAt = now.toISOString();
    if (input.dueAt !== undefined) {
      const problems = verificationDeadlineProblems(sentAt, input.dueAt);
      if (problems.length > 0) throw invalidField('body.dueAt', problems[0]!);
    }
    const { dueAt, remindAt } = verificationDeadlines(sentAt, input.dueAt);
    const requestId = await this.db.transaction().execute(async (trx) => {
      const event = await this.lockForManage(trx, ctx, viewer, id, null);
      if (event.status !== 'under_verification')
        throw new AppError(
          'conflict',
          `event ${event.number} is ${event.status.replace('_', ' ')}: verification is asked while it is under verification`,
        );
      const country = input.country ?? event.countries[0]!;
      if (!event.countries.includes(country))
        throw invalidField('body.country', `${country} is not one of the event's countries (${event.countries.join(', ')})`);
      const open = await trx
        .selectFrom('verification_requests')
        .select('due_at')
        .where('event_id', '=', id)
        .where('country', '=', country)
        .where('answered_at', 'is', null)
        .executeTakeFirst();
      if (open) throw new AppError('conflict', `a request to ${country} is already awaiting its answer (due ${open.due_at.toISOString()})`);
      const actor = ctx.actor;
      const request = await trx
        .insertInto('verification_requests')
        .values({
          event_id: id,
          country,
          question: input.question.trim(),
          sent_at: now,
          sent_by: actor.kind === 'anonymous' ? null : actor.userId,
          sent_by_label: ctx.actorLabel,
          due_at: dueAt,
          remind_at: remindAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const after = await this.touch(trx, id, now);
      await this.append(
        trx,
        ctx,
        after,
        'verification_requested',
        { requestId: request.id, country, dueAt },
        now,
        ihrChannelVisibility([country]),
      );
      return request.id;
    });
    return this.getRequest(ctx, requestId);
  }

  private async getRequest(ctx: RequestContext, id: string): Promise<VerificationRequestDto> {
    const row = await this.requests().where('v.id', '=', id).executeTakeFirst();
    if (!row || !actsForCountry(ctx, row.country)) throw notFound(`verification request ${id}`);
    return toRequestDto(row, this.clock().toISOString());
  }

  async listVerificationRequests(ctx: RequestContext, filter: { open?: boolean }, page: { limit: number; offset: number }) {
    let query = this.requests();
    const actor = ctx.actor;
    if (!ctx.system && actor.kind !== 'anonymous' && actor.scope.kind === 'countries')
      query = query.where('v.country', 'in', actor.scope.countries.length > 0 ? [...actor.scope.countries] : ['']);
    if (filter.open === true) query = query.where('v.answered_at', 'is', null);
    if (filter.open === false) query = query.where('v.answered_at', 'is not', null);
    const [rows, count] = await Promise.all([
      query
        .orderBy(sql`v.answered_at IS NULL`, 'desc')
        .orderBy('v.due_at')
        .orderBy('v.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      query
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    const now = this.clock().toISOString();
    return { items: rows.map((r) => toRequestDto(r, now)), total: Number(count.n), ...page };
  }

  async answerVerification(ctx: RequestContext, requestId: string, input: AnswerVerificationDto): Promise<VerificationRequestDto> {
    const now = this.clock();
    const text = input.text.trim();
    if (text === '') throw invalidField('body.text', 'say what was found');
    await this.db.transaction().execute(async (trx) => {
      const request = await trx.selectFrom('verification_requests').selectAll().where('id', '=', requestId).forUpdate().executeTakeFirst();
      if (!request || !actsForCountry(ctx, request.country)) throw notFound(`verification request ${requestId}`);
      if (request.answered_at !== null)
        throw new AppError('conflict', `this request was already answered (${request.answer}) at ${request.answered_at.toISOString()}`);
      const actor = ctx.actor;
      await trx
        .updateTable('verification_requests')
        .set({
          answer: input.answer,
          answer_text: text,
          answered_at: now,
          answered_by: actor.kind === 'anonymous' ? null : actor.userId,
          answered_by_label: ctx.actorLabel,
        })
        .where('id', '=', requestId)
        .execute();
      const after = await this.touch(trx, request.event_id, now);
      await this.append(
        trx,
        ctx,
        after,
        'verification_answered',
        { requestId, country: request.country, answer: input.answer, late: now.getTime() > request.due_at.getTime() },
        now,
        ihrChannelVisibility([request.country]),
      );
    });
    return this.getRequest(ctx, requestId);
  }

  /**
   * Reminds focal points of requests near their deadline and escalates overdue ones within WHO.
   * Each step is claimed by an UPDATE … WHERE not yet done, so several server processes running the
   * sweep never remind or escalate twice.
   */
  async sweepDeadlines(): Promise<{ reminded: number; escalated: number }> {
    const now = this.clock();
    const system: RequestContext = { actor: { kind: 'anonymous' }, actorLabel: 'system (deadlines)', requestId: null, system: true };
    return this.db.transaction().execute(async (trx) => {
      const reminded = await trx
        .updateTable('verification_requests')
        .set({ reminded_at: now })
        .where('answered_at', 'is', null)
        .where('reminded_at', 'is', null)
        .where('remind_at', '<=', now)
        .returning(['id', 'event_id', 'country', 'due_at'])
        .execute();
      const escalated = await trx
        .updateTable('verification_requests')
        .set({ escalated_at: now })
        .where('answered_at', 'is', null)
        .where('escalated_at', 'is', null)
        .where('due_at', '<', now)
        .returning(['id', 'event_id', 'country', 'due_at'])
        .execute();
      for (const r of reminded) {
        const event = await trx.selectFrom('events').selectAll().where('id', '=', r.event_id).executeTakeFirstOrThrow();
        await this.append(
          trx,
          system,
          event,
          'verification_reminded',
          { requestId: r.id, country: r.country, dueAt: r.due_at.toISOString() },
          now,
          ihrChannelVisibility([r.country]),
        );
      }
      for (const r of escalated) {
        const event = await trx.selectFrom('events').selectAll().where('id', '=', r.event_id).executeTakeFirstOrThrow();
        // Escalation is WHO's internal follow-up of an unanswered request.
        await this.append(
          trx,
          system,
          event,
          'verification_escalated',
          { requestId: r.id, country: r.country, dueAt: r.due_at.toISOString() },
          now,
          { level: 'who_internal', countries: [], organisations: [] },
        );
      }
      return { reminded: reminded.length, escalated: escalated.length };
    });
  }

  // ── IHR Annex 2 and notification ───────────────────────────────────────────────────────────

  async assessAnnex2(ctx: RequestContext, id: string, input: Annex2Dto): Promise<EventDetailDto['annex2Assessments'][number]> {
    const viewer = await this.viewer(ctx);
    const now = this.clock();
    const overrides = input.overrides ?? {};
    for (const [criterion, override] of Object.entries(overrides) as [string, { justification: string }][])
      if (override.justification.trim() === '')
        throw invalidField(
          `body.overrides.${criterion}.justification`,
          'overriding the answer derived from the guiding questions needs a written justification',
        );
    const unknownQuestions = Object.keys(input.subAnswers).filter((q) => !ANNEX2_QUESTIONS.has(q));
    if (unknownQuestions.length > 0)
      throw invalidField(
        'body.subAnswers',
        `no guiding question ${unknownQuestions.join(', ')}; they are ${[...ANNEX2_QUESTIONS].join(', ')}`,
      );
    const assessmentId = await this.db.transaction().execute(async (trx) => {
      const event = await this.lockForManage(trx, ctx, viewer, id, null);
      const country = input.country ?? event.countries.find((c) => actsForCountry(ctx, c)) ?? event.countries[0]!;
      if (!event.countries.includes(country))
        throw invalidField('body.country', `${country} is not one of the event's countries (${event.countries.join(', ')})`);
      if (!actsForCountry(ctx, country)) throw new AppError('forbidden', `you may not assess for ${country}: outside your country scope`);
      const group: Annex2Group = (await this.annex2Group(trx, event.disease_id)) ?? 'other';
      const criteria = deriveCriteria(
        input.subAnswers as Partial<Record<Annex2SubQuestion, Annex2Answer>>,
        overrides as Partial<Record<Annex2Criterion, { value: Annex2Answer; justification: string }>>,
      );
      const decision = decideAnnex2({
        group,
        hasHumanCaseMeetingWhoDefinition: input.hasHumanCase,
        criteria,
        assessedAt: now.toISOString(),
      });
      const last = await trx
        .selectFrom('annex2_assessments')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('event_id', '=', id)
        .executeTakeFirst();
      const actor = ctx.actor;
      const assessment = await trx
        .insertInto('annex2_assessments')
        .values({
          event_id: id,
          version: Number(last?.v ?? 0) + 1,
          country,
          group_applied: group,
          has_human_case: input.hasHumanCase,
          sub_answers: JSON.stringify(input.subAnswers),
          overrides: JSON.stringify(overrides),
          criteria: JSON.stringify(criteria),
          outcome: decision.outcome,
          reason: decision.reason,
          criteria_met: decision.criteriaMet,
          note: input.note?.trim() || null,
          assessed_at: now,
          due_at: decision.dueAt,
          assessed_by: actor.kind === 'anonymous' ? null : actor.userId,
          assessed_by_label: ctx.actorLabel,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const after = await this.touch(trx, id, now);
      const channel = ihrChannelVisibility([country]);
      await this.append(
        trx,
        ctx,
        after,
        'annex2_assessed',
        { assessmentId: assessment.id, country, outcome: decision.outcome, reason: decision.reason, dueAt: decision.dueAt },
        now,
        channel,
      );
      // The first assessment that calls for notification starts the 24-hour clock; later ones do not move it.
      if (decision.outcome === 'notify')
        await trx
          .insertInto('ihr_notifications')
          .values({ event_id: id, country, assessment_id: assessment.id, due_at: decision.dueAt! })
          .onConflict((oc) => oc.columns(['event_id', 'country']).doNothing())
          .execute();
      return assessment.id;
    });
    const detail = await this.get(ctx, id);
    return detail.annex2Assessments.find((a) => a.id === assessmentId)!;
  }

  async markNotified(ctx: RequestContext, notificationId: string, input: { notifiedAt?: string }) {
    const viewer = await this.viewer(ctx);
    const now = this.clock();
    const notifiedAt = input.notifiedAt ?? now.toISOString();
    if (!isIsoInstant(notifiedAt)) throw invalidField('body.notifiedAt', `"${notifiedAt}" is not a UTC instant like 2026-03-10T14:00:00Z`);
    if (Date.parse(notifiedAt) > now.getTime()) throw invalidField('body.notifiedAt', `${notifiedAt} is in the future`);
    const eventId = await this.db.transaction().execute(async (trx) => {
      const notification = await trx
        .selectFrom('ihr_notifications')
        .selectAll()
        .where('id', '=', notificationId)
        .forUpdate()
        .executeTakeFirst();
      if (!notification || !actsForCountry(ctx, notification.country)) throw notFound(`IHR notification ${notificationId}`);
      const event = await this.lockForManage(trx, ctx, viewer, notification.event_id, null);
      if (notification.notified_at !== null)
        throw new AppError('conflict', `the notification was already recorded as sent at ${notification.notified_at.toISOString()}`);
      const assessment = await trx
        .selectFrom('annex2_assessments')
        .select('assessed_at')
        .where('id', '=', notification.assessment_id)
        .executeTakeFirstOrThrow();
      if (Date.parse(notifiedAt) < assessment.assessed_at.getTime())
        throw invalidField(
          'body.notifiedAt',
          `${notifiedAt} is before the assessment that called for it (${assessment.assessed_at.toISOString()})`,
        );
      const actor = ctx.actor;
      await trx
        .updateTable('ihr_notifications')
        .set({ notified_at: notifiedAt, notified_by: actor.kind === 'anonymous' ? null : actor.userId, notified_by_label: ctx.actorLabel })
        .where('id', '=', notificationId)
        .execute();
      const date = notifiedAt.slice(0, 10);
      const after = await trx
        .updateTable('events')
        .set({
          date_notification: event.date_notification === null || date < event.date_notification ? date : event.date_notification,
          updated_at: now,
        })
        .where('id', '=', event.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const { late } = notificationTimeliness(notification.due_at.toISOString(), notifiedAt);
      await this.append(
        trx,
        ctx,
        after,
        'notification_sent',
        { notificationId, country: notification.country, notifiedAt, late },
        now,
        ihrChannelVisibility([notification.country]),
      );
      return event.id;
    });
    const detail = await this.get(ctx, eventId);
    return detail.notifications.find((n) => n.id === notificationId)!;
  }

  // ── risk and grading ───────────────────────────────────────────────────────────────────────

  async assessRisk(ctx: RequestContext, id: string, input: RiskAssessmentInputDto): Promise<EventDetailDto['riskAssessments'][number]> {
    const viewer = await this.viewer(ctx);
    const now = this.clock();
    const missing = (['likelihoodRationale', 'consequencesRationale'] as const).filter((f) => input[f].trim() === '');
    if (missing.length > 0)
      throw new AppError(
        'validation_failed',
        `a rationale is required for ${missing.map((f) => f.replace('Rationale', '')).join(' and ')}`,
        missing.map((f) => ({ field: `body.${f}`, reason: 'say why this level was chosen' })),
      );
    if (viewer.role === 'nfp' && input.scale !== 'national')
      throw new AppError('forbidden', `a focal point assesses the national risk; ${input.scale} risk is assessed by WHO`);
    const { level, matrixVersion } = characterizeRisk(input);
    if (input.nextReviewDue !== undefined && input.nextReviewDue < today(now))
      throw invalidField('body.nextReviewDue', `${input.nextReviewDue} is in the past`);
    const assessmentId = await this.db.transaction().execute(async (trx) => {
      const event = await this.lockForManage(trx, ctx, viewer, id, null);
      if (event.status === 'discarded' || event.status === 'closed')
        throw new AppError('conflict', `event ${event.number} is ${event.status}: reopen it before assessing its risk`);
      const last = await trx
        .selectFrom('risk_assessments')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('event_id', '=', id)
        .where('scale', '=', input.scale)
        .executeTakeFirst();
      const actor = ctx.actor;
      const row = await trx
        .insertInto('risk_assessments')
        .values({
          event_id: id,
          scale: input.scale,
          version: Number(last?.v ?? 0) + 1,
          hazard_text: input.hazardText ?? '',
          exposure_text: input.exposureText ?? '',
          context_text: input.contextText ?? '',
          likelihood: input.likelihood,
          likelihood_rationale: input.likelihoodRationale.trim(),
          consequences: input.consequences,
          consequences_rationale: input.consequencesRationale.trim(),
          level,
          confidence: input.confidence,
          matrix_version: matrixVersion,
          next_review_due: input.nextReviewDue ?? null,
          assessed_at: now,
          assessed_by: actor.kind === 'anonymous' ? null : actor.userId,
          assessed_by_label: ctx.actorLabel,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // The event's headline risk is the latest assessment at its widest scale.
      const latest = await trx
        .selectFrom('risk_assessments')
        .select(['scale', 'level'])
        .where('event_id', '=', id)
        .orderBy('version', 'desc')
        .execute();
      const headline = SCALES_WIDEST_FIRST.map((scale) => latest.find((r) => r.scale === scale)).find((r) => r !== undefined)!;
      const after = await trx
        .updateTable('events')
        .set({ risk_level: headline.level, updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.append(trx, ctx, after, 'risk_assessed', { scale: input.scale, level, confidence: input.confidence }, now);
      return row.id;
    });
    const detail = await this.get(ctx, id);
    return detail.riskAssessments.find((r) => r.id === assessmentId)!;
  }

  async grade(ctx: RequestContext, id: string, input: GradingInputDto): Promise<EventDetailDto['gradings'][number]> {
    const viewer = await this.viewer(ctx);
    const now = this.clock();
    if (input.gradedOn > today(now)) throw invalidField('body.gradedOn', `${input.gradedOn} is in the future`);
    if (input.triggeringAnalysisAt !== undefined && Date.parse(input.triggeringAnalysisAt) > now.getTime())
      throw invalidField('body.triggeringAnalysisAt', `${input.triggeringAnalysisAt} is in the future`);
    const gradingId = await this.db.transaction().execute(async (trx) => {
      const event = await this.lockForManage(trx, ctx, viewer, id, null);
      const first = await trx
        .selectFrom('gradings')
        .select((eb) => eb.fn.min('graded_on').as('on'))
        .where('event_id', '=', id)
        .where('grade', '<>', 'ungraded')
        .executeTakeFirst();
      const problems = gradingProblems({
        grade: input.grade,
        eventStatus: event.status,
        firstGradedOn: (first?.on as IsoDate | null | undefined) ?? null,
        on: input.gradedOn as IsoDate,
        rationale: input.rationale,
        overrideProtractedRule: input.overrideProtractedRule ?? false,
      });
      if (problems.length > 0) {
        const field = (p: string) => (p.startsWith('a rationale') ? 'body.rationale' : p.includes('event cannot') ? 'body' : 'body.grade');
        const conflict = problems.some((p) => p.includes('event cannot'));
        throw new AppError(
          conflict ? 'conflict' : 'validation_failed',
          problems.join('; '),
          conflict ? [] : problems.map((reason) => ({ field: field(reason), reason })),
        );
      }
      const timing = input.triggeringAnalysisAt
        ? gradingTimeliness(input.triggeringAnalysisAt, now.toISOString(), DEFAULT_GRADING_RULES)
        : null;
      const actor = ctx.actor;
      const row = await trx
        .insertInto('gradings')
        .values({
          event_id: id,
          grade: input.grade,
          graded_on: input.gradedOn,
          rationale: input.rationale.trim(),
          criteria: JSON.stringify(input.criteria ?? {}),
          triggering_analysis_at: input.triggeringAnalysisAt ?? null,
          due_at: timing?.dueAt ?? null,
          override_protracted_rule: input.overrideProtractedRule ?? false,
          review_due: gradeReviewDue(input.gradedOn as IsoDate),
          recorded_at: now,
          recorded_by: actor.kind === 'anonymous' ? null : actor.userId,
          recorded_by_label: ctx.actorLabel,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const after = await trx
        .updateTable('events')
        .set({ grade: input.grade, updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.append(trx, ctx, after, 'graded', { from: event.grade, to: input.grade, late: timing?.late ?? false }, now);
      return row.id;
    });
    const detail = await this.get(ctx, id);
    return detail.gradings.find((g) => g.id === gradingId)!;
  }

  // ── 7-1-7 ──────────────────────────────────────────────────────────────────────────────────

  async setResponseAction(
    ctx: RequestContext,
    id: string,
    code: string,
    input: { applicable: boolean; dateCompleted: string | null },
  ): Promise<EventDetailDto> {
    const viewer = await this.viewer(ctx);
    const now = this.clock();
    if (input.dateCompleted !== null && input.dateCompleted > today(now))
      throw invalidField('body.dateCompleted', `${input.dateCompleted} is in the future`);
    if (!input.applicable && input.dateCompleted !== null)
      throw invalidField('body.dateCompleted', 'an action that does not apply has no completion date');
    await this.db.transaction().execute(async (trx) => {
      const event = await this.lockForManage(trx, ctx, viewer, id, null);
      if (input.dateCompleted !== null && input.dateCompleted < event.date_detection)
        throw invalidField('body.dateCompleted', `${input.dateCompleted} is before the event was detected (${event.date_detection})`);
      const values = {
        applicable: input.applicable,
        date_completed: input.dateCompleted,
        updated_at: now,
        updated_by_label: ctx.actorLabel,
      };
      await trx
        .insertInto('event_response_actions')
        .values({ event_id: id, code, ...values })
        .onConflict((oc) => oc.columns(['event_id', 'code']).doUpdateSet(values))
        .execute();
      const after = await this.touch(trx, id, now);
      await this.append(
        trx,
        ctx,
        after,
        'response_action',
        { code, applicable: input.applicable, dateCompleted: input.dateCompleted },
        now,
      );
    });
    return this.get(ctx, id);
  }

  /** 7-1-7 performance of the events the reader may see, grouped; an event counts once in each of its groups. */
  async timelinessReport(
    ctx: RequestContext,
    query: { groupBy: 'country' | 'region' | 'year'; from?: string; to?: string },
  ): Promise<TimelinessReportDto> {
    const viewer = await this.viewer(ctx);
    let events = this.db.selectFrom('events as e').where(visibleTo(viewer, 'e')).where('e.status', '<>', 'discarded');
    if (query.from !== undefined) events = events.where('e.date_detection', '>=', query.from);
    if (query.to !== undefined) events = events.where('e.date_detection', '<=', query.to);
    const rows = await events.selectAll('e').execute();
    const actions = rows.length
      ? await this.db
          .selectFrom('event_response_actions')
          .selectAll()
          .where(
            'event_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
      : [];
    const regions = new Map(
      (await this.db.selectFrom('countries').select(['iso3', 'who_region']).execute()).map((c) => [c.iso3, c.who_region ?? 'none']),
    );
    const groups = new Map<string, TimelinessResult[]>();
    for (const row of rows) {
      const t = this.measure717(
        row,
        actions.filter((a) => a.event_id === row.id),
      );
      // An event whose dates contradict each other is shown with its problem on its page, not counted.
      if (t instanceof TimelinessError) continue;
      const keys =
        query.groupBy === 'year'
          ? [row.date_detection.slice(0, 4)]
          : query.groupBy === 'country'
            ? row.countries
            : [...new Set(row.countries.map((c) => regions.get(c) ?? 'none'))];
      for (const key of keys) groups.set(key, [...(groups.get(key) ?? []), t]);
    }
    return {
      groupBy: query.groupBy,
      groups: [...groups.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, results]) => {
          const aggregate = aggregateTimeliness(results);
          const proportion = ({ met, assessed, proportion: p }: { met: number; assessed: number; proportion: number | null }) => ({
            met,
            assessed,
            proportion: p,
          });
          return {
            key,
            events: aggregate.events,
            detect: proportion(aggregate.detect),
            notify: proportion(aggregate.notify),
            respond: proportion(aggregate.respond),
            all717: proportion(aggregate.all717),
            medianDays: { detect: aggregate.detect.medianDays, notify: aggregate.notify.medianDays, respond: aggregate.respond.medianDays },
            bottleneck: aggregateBottleneck(aggregate),
          };
        }),
    };
  }

  // ── shared steps ───────────────────────────────────────────────────────────────────────────

  /**
   * The event, locked for a change the caller may make: 404 when they may not see it, 403 when they
   * see it but may not manage it, 409 when `version` is given and stale.
   */
  private async lockForManage(trx: Db, ctx: RequestContext, viewer: Viewer, id: string, version: number | null): Promise<EventRow> {
    const row = await trx.selectFrom('events').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row || (!ctx.system && !canSee(viewer, eventVisibility(row)))) throw notFound(`event ${id}`);
    if (!this.mayManage(ctx, viewer, row))
      throw new AppError('forbidden', `you may not change event ${row.number}: it is not an event of your countries`);
    if (version !== null && version !== row.version)
      throw new AppError(
        'conflict',
        `event ${row.number} was changed by someone else since you read it (you have version ${version}, it is now ${row.version}); reload it and apply your change again`,
      );
    return row;
  }

  private touch(trx: Db, id: string, now: Date): Promise<EventRow> {
    return trx.updateTable('events').set({ updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /** Appends a timeline entry (and its audit record) in the caller's transaction; returns its sequence number. */
  private async append(
    trx: Db,
    ctx: RequestContext,
    event: EventRow,
    kind: EventUpdateKind,
    details: Record<string, unknown>,
    now: Date,
    visibility: Visibility = eventVisibility(event),
  ): Promise<string> {
    const actor = ctx.actor;
    const row = await trx
      .insertInto('event_updates')
      .values({
        event_id: event.id,
        at: now,
        kind,
        actor_id: actor.kind === 'anonymous' ? null : actor.userId,
        actor_label: ctx.actorLabel,
        details: JSON.stringify(details),
        visibility: visibility.level,
        visible_countries: [...visibility.countries],
        visible_organisations: [...visibility.organisations],
      })
      .returning('seq')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: `event.${kind}`, targetType: 'event', targetId: event.id, summary: details }, now);
    return row.seq;
  }

  private checkVisibility(viewer: Viewer, input: VisibilityDto): Visibility {
    const visibility: Visibility = {
      level: input.level,
      countries: [...new Set(input.countries ?? [])],
      organisations: [...new Set(input.organisations ?? [])],
    };
    const problems = visibilityProblems(visibility);
    if (problems.length > 0) throw invalidField('body.visibility', problems[0]!);
    if (!canSee(viewer, visibility))
      throw invalidField(
        'body.visibility',
        'you would no longer see this yourself: include your country or organisation, or choose a wider visibility',
      );
    return visibility;
  }

  private async checkCountries(trx: Db, ctx: RequestContext, countries: readonly string[], field: string): Promise<void> {
    const known = new Set(
      (
        await trx
          .selectFrom('countries')
          .select('iso3')
          .where('iso3', 'in', [...countries])
          .execute()
      ).map((c) => c.iso3),
    );
    const unknown = countries.filter((c) => !known.has(c));
    if (unknown.length > 0) throw invalidField(field, `unknown country ${unknown.join(', ')} (ISO 3166-1 alpha-3, e.g. KEN)`);
    if (!countries.some((c) => actsForCountry(ctx, c)))
      throw new AppError('forbidden', `you may not report events for ${countries.join(', ')}: outside your country scope`);
  }

  private async diseaseId(trx: Db, code: string | null): Promise<number | null> {
    if (code === null) return null;
    const disease = await trx.selectFrom('diseases').select('id').where('code', '=', code).executeTakeFirst();
    if (!disease) throw invalidField('body.disease', `unknown disease "${code}"; see GET /api/diseases (or describe the hazard in words)`);
    return disease.id;
  }

  /** The Annex 2 group of the event's disease; 'other' for a hazard without a disease, undefined never. */
  private async annex2Group(trx: Db, diseaseId: number | null): Promise<Annex2Group | undefined> {
    if (diseaseId === null) return 'other';
    const disease = await trx.selectFrom('diseases').select('ihr_category').where('id', '=', diseaseId).executeTakeFirst();
    return (disease?.ihr_category as Annex2Group | undefined) ?? 'other';
  }

  private async locationIds(trx: Db, codes: readonly string[], countries: readonly string[]): Promise<number[]> {
    if (codes.length === 0) return [];
    const rows = await trx
      .selectFrom('locations')
      .select(['id', 'code', 'country'])
      .where('code', 'in', [...codes])
      .execute();
    for (const code of codes) {
      const location = rows.find((r) => r.code === code);
      if (!location) throw invalidField('body.locations', `unknown location "${code}"; see GET /api/locations`);
      if (!countries.includes(location.country))
        throw invalidField('body.locations', `location ${code} is in ${location.country}, not in the event's countries`);
    }
    return rows.map((r) => r.id);
  }

  /** Signals to link: visible to the caller, not dismissed, not part of another event. Locked until the link is written. */
  private async claimSignals(trx: Db, ctx: RequestContext, ids: readonly string[], eventId: string | null) {
    if (ids.length === 0) return [];
    const rows = await trx
      .selectFrom('signals as g')
      .leftJoin('event_signals as es', 'es.signal_id', 'g.id')
      .select(['g.id', 'g.country', 'g.disease_id', 'g.location_id', 'g.status', 'g.first_alarm', 'g.created_at', 'es.event_id'])
      .where('g.id', 'in', [...new Set(ids)])
      .forUpdate('g')
      .execute();
    for (const id of ids) {
      const signal = rows.find((r) => r.id === id);
      if (!signal || !actsForCountry(ctx, signal.country))
        throw invalidField('body.signals', `signal ${id} does not exist or is not visible to you`);
      if (signal.status === 'dismissed')
        throw invalidField('body.signals', `signal ${id} was dismissed; accept it on the signals page before making it an event`);
      if (signal.event_id !== null && signal.event_id !== eventId)
        throw new AppError('conflict', `signal ${id} is already part of another event (${signal.event_id})`);
    }
    return rows.filter((r) => r.event_id === null).map((r) => ({ ...r, country: r.country.trim() }));
  }

  private async linkClaimed(
    trx: Db,
    ctx: RequestContext,
    eventId: string,
    signals: readonly { id: string; status: string }[],
    now: Date,
  ): Promise<void> {
    if (signals.length === 0) return;
    await trx
      .insertInto('event_signals')
      .values(signals.map((s) => ({ signal_id: s.id, event_id: eventId })))
      .execute();
    const actor = ctx.actor;
    const newOnes = signals.filter((s) => s.status === 'new').map((s) => s.id);
    if (newOnes.length > 0)
      await trx
        .updateTable('signals')
        .set({
          status: 'accepted',
          decided_at: now,
          decided_by: actor.kind === 'anonymous' ? null : actor.userId,
          decided_by_label: ctx.actorLabel,
          decision_note: `made into an event`,
          updated_at: now,
        })
        .where('id', 'in', newOnes)
        .execute();
  }
}

const ANNEX2_QUESTIONS = new Set(['1.1', '1.2', '1.3', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2', '4.3', '4.4']);

export function eventVisibility(row: Pick<EventRow, 'visibility' | 'visible_countries' | 'visible_organisations'>): Visibility {
  return {
    level: row.visibility as Visibility['level'],
    countries: row.visible_countries.map((c) => c.trim()),
    organisations: row.visible_organisations,
  };
}
const updateVisibility = eventVisibility;

/**
 * The SQL form of `canSee` for the table aliased `alias`: the same rule, so lists and counts agree
 * with what a single read allows (a test checks them against each other).
 */
export function visibleTo(viewer: Viewer, alias: string) {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  if (isWhoViewer(viewer)) return sql<boolean>`true`;
  const level = column('visibility');
  const clauses = [sql<boolean>`${level} = 'public'`];
  if (viewer.role === 'nfp') clauses.push(sql<boolean>`${level} = 'states_parties'`);
  if (viewer.organisationId !== null)
    clauses.push(sql<boolean>`(${level} = 'restricted' AND ${viewer.organisationId}::uuid = ANY(${column('visible_organisations')}))`);
  if (viewer.role === 'nfp') {
    const scope = viewer.scope;
    clauses.push(
      scope.kind === 'all'
        ? sql<boolean>`(${level} = 'restricted' AND cardinality(${column('visible_countries')}) > 0)`
        : sql<boolean>`(${level} = 'restricted' AND ${column('visible_countries')} && ${[...scope.countries]}::char(3)[])`,
    );
  }
  return sql<boolean>`(${sql.join(clauses, sql` OR `)})`;
}

function toEventDto(row: EventRow, disease: string | null): EventDto {
  return {
    id: row.id,
    number: Number(row.number),
    title: row.title,
    disease,
    hazard: row.hazard,
    countries: row.countries.map((c) => c.trim()),
    sourceKind: row.source_kind as EventDto['sourceKind'],
    status: row.status as EventStatus,
    visibility: eventVisibility(row) as EventDto['visibility'],
    dateEmergence: row.date_emergence,
    dateDetection: row.date_detection,
    dateNotification: row.date_notification,
    grade: row.grade as Grade,
    riskLevel: row.risk_level as EventDto['riskLevel'],
    publishedAt: row.published_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

function toUpdateDto(row: Selectable<Database['event_updates']>): EventUpdateDto {
  return {
    id: row.id,
    seq: Number(row.seq),
    at: row.at.toISOString(),
    kind: row.kind as EventUpdateKind,
    actor: row.actor_label,
    details: row.details,
    visibility: eventVisibility(row) as EventUpdateDto['visibility'],
  };
}

function toRequestDto(
  row: Selectable<VerificationRequestsTable> & { event_number: string | number; event_title: string },
  now: string,
): VerificationRequestDto {
  const dueAt = row.due_at.toISOString();
  const remindAt = row.remind_at.toISOString();
  const answeredAt = row.answered_at?.toISOString() ?? null;
  return {
    id: row.id,
    eventId: row.event_id,
    eventNumber: Number(row.event_number),
    eventTitle: row.event_title,
    country: row.country.trim(),
    question: row.question,
    sentAt: row.sent_at.toISOString(),
    sentBy: row.sent_by_label,
    dueAt,
    remindAt,
    remindedAt: row.reminded_at?.toISOString() ?? null,
    escalatedAt: row.escalated_at?.toISOString() ?? null,
    answer: row.answer,
    answerText: row.answer_text,
    answeredAt,
    answeredBy: row.answered_by_label,
    state: verificationState({ dueAt, remindAt, answeredAt }, now),
  };
}

function toNotificationDto(row: Selectable<Database['ihr_notifications']>, now: string) {
  const dueAt = row.due_at.toISOString();
  const notifiedAt = row.notified_at?.toISOString() ?? null;
  return {
    id: row.id,
    country: row.country.trim(),
    assessmentId: row.assessment_id,
    dueAt,
    notifiedAt,
    notifiedBy: row.notified_by_label,
    late: notificationTimeliness(dueAt, notifiedAt ?? now).late,
  };
}

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function earliest(dates: readonly string[]): string | undefined {
  return dates.length === 0 ? undefined : dates.reduce((a, b) => (b < a ? b : a));
}

function checkKeyDates(emergence: string | null, detection: string, todayDate: string): void {
  if (detection > todayDate) throw invalidField('body.dateDetection', `${detection} is in the future`);
  if (emergence !== null && emergence > detection)
    throw invalidField('body.dateEmergence', `the event cannot emerge (${emergence}) after it was detected (${detection})`);
}
