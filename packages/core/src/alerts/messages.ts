import { type EventStatus } from '../ihr/event-status.js';
import { type Grade } from '../ihr/grading.js';
import { type RiskLevel } from '../ihr/risk.js';
import { type Language } from '../limits.js';
import { instantToMs, msToInstant, type IsoInstant } from '../time/instants.js';
import { EVENT_STATUS_WORDS, GRADE_WORDS, RISK_LEVEL_WORDS } from './vocabulary.js';

/**
 * Notification messages (e-mail and the like) in the recipient's language. Each message leads with one
 * sentence saying what happened, then lists the event's facts under labels, then the link. Sentences
 * never make the actor their subject: in Arabic, French, Russian and Spanish the verb would have to
 * agree with the actor's gender, which a label like "Dr A. Diallo" or "NFP Haiti" does not tell us.
 */

export const MESSAGE_KINDS = [
  'event_created',
  'event_updated',
  'event_published',
  'verification_requested',
  'verification_reminder',
  'verification_escalated',
  'verification_answered',
  'risk_assessed',
  'event_graded',
  'notification_due',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** What the caller knows about the event; names are already in the recipient's language. */
export interface MessageFacts {
  eventTitle: string;
  eventUrl: string;
  countryNames: readonly string[];
  diseaseName: string | null;
  status: EventStatus;
  /** The status before the change, for event_updated ("from … to …"); left out when not known. */
  previousStatus?: EventStatus | null;
  grade: Grade | null;
  riskLevel: RiskLevel | null;
  /** The deadline: for a verification reply, or for notifying WHO (required for notification_due). */
  dueAt: IsoInstant | null;
  /** Who did it, as shown to users (a person, an organisation or "Accord" for automatic steps). */
  actorLabel: string;
  note: string | null;
}

export interface RenderedMessage {
  subject: string;
  text: string;
}

export class MessageFactsError extends Error {
  override readonly name = 'MessageFactsError';
}

/** Facts already turned into the recipient's words. */
interface Words {
  status: string;
  previousStatus: string | null;
  risk: string | null;
  grade: string | null;
  due: string | null;
}

type Labels = Record<'event' | 'country' | 'countries' | 'disease' | 'status' | 'risk' | 'grade' | 'due' | 'by' | 'note' | 'open', string>;

interface Catalogue {
  subject: Record<MessageKind, (w: Words) => string>;
  lead: Record<MessageKind, (w: Words) => string>;
  labels: Labels;
  /** Between a label and its value (French puts a space before the colon; Chinese uses the full-width colon). */
  labelSeparator: string;
  listSeparator: string;
  /** Subject line: tag, what happened, the event's title. */
  subjectLine: (phrase: string, title: string) => string;
}

/** The same sentence with or without its deadline clause. */
const withDue = (sentence: string, due: string | null, clause: (due: string) => string) =>
  due === null ? sentence : sentence + clause(due);

const TAG = '[Accord]';
const dashed = (phrase: string, title: string) => `${TAG} ${phrase} — ${title}`;

const CATALOGUES: Record<Language, Catalogue> = {
  en: {
    subject: {
      event_created: () => 'New event',
      event_updated: (w) => `Status: ${w.status}`,
      event_published: () => 'Event published',
      verification_requested: () => 'Verification requested',
      verification_reminder: () => 'Reminder: verification awaited',
      verification_escalated: () => 'Verification escalated',
      verification_answered: () => 'Verification answered',
      risk_assessed: (w) => `Risk: ${w.risk}`,
      event_graded: (w) => `Grade: ${w.grade}`,
      notification_due: (w) => `Notify WHO by ${w.due}`,
    },
    lead: {
      event_created: () => 'A new event has been recorded.',
      event_updated: (w) =>
        w.previousStatus === null
          ? `The status of the event has changed to “${w.status}”.`
          : `The status of the event has changed from “${w.previousStatus}” to “${w.status}”.`,
      event_published: () => 'The event has been published.',
      verification_requested: (w) => withDue('You are asked to verify this event.', w.due, (due) => ` Please reply by ${due}.`),
      verification_reminder: (w) =>
        withDue('Reminder: the request to verify this event is still awaiting your reply.', w.due, (due) => ` The reply is due by ${due}.`),
      verification_escalated: () => 'The request to verify this event was not answered in time and has been escalated.',
      verification_answered: () => 'The request to verify this event has been answered.',
      risk_assessed: (w) => `The risk posed by this event has been assessed as ${w.risk}.`,
      event_graded: (w) => `The grade of this event is now: ${w.grade}.`,
      notification_due: (w) => `The IHR Annex 2 assessment concludes that this event must be notified to WHO within 24 hours, by ${w.due}.`,
    },
    labels: {
      event: 'Event',
      country: 'Country',
      countries: 'Countries',
      disease: 'Disease',
      status: 'Status',
      risk: 'Risk',
      grade: 'Grade',
      due: 'Due',
      by: 'By',
      note: 'Note',
      open: 'Open in Accord',
    },
    labelSeparator: ': ',
    listSeparator: ', ',
    subjectLine: dashed,
  },
  fr: {
    subject: {
      event_created: () => 'Nouvel événement',
      event_updated: (w) => `Statut : ${w.status}`,
      event_published: () => 'Événement publié',
      verification_requested: () => 'Demande de vérification',
      verification_reminder: () => 'Rappel : vérification en attente',
      verification_escalated: () => 'Vérification transmise à l’échelon supérieur',
      verification_answered: () => 'Réponse à la demande de vérification',
      risk_assessed: (w) => `Risque : ${w.risk}`,
      event_graded: (w) => `Grade : ${w.grade}`,
      notification_due: (w) => `Notification à l’OMS au plus tard le ${w.due}`,
    },
    lead: {
      event_created: () => 'Un nouvel événement a été enregistré.',
      event_updated: (w) =>
        w.previousStatus === null
          ? `Le statut de l’événement est désormais « ${w.status} ».`
          : `Le statut de l’événement est passé de « ${w.previousStatus} » à « ${w.status} ».`,
      event_published: () => 'L’événement a été publié.',
      verification_requested: (w) =>
        withDue('Il vous est demandé de vérifier cet événement.', w.due, (due) => ` Merci de répondre au plus tard le ${due}.`),
      verification_reminder: (w) =>
        withDue(
          'Rappel : la demande de vérification de cet événement attend toujours votre réponse.',
          w.due,
          (due) => ` Réponse attendue au plus tard le ${due}.`,
        ),
      verification_escalated: () =>
        'La demande de vérification de cet événement n’a pas reçu de réponse dans les délais et a été transmise à l’échelon supérieur.',
      verification_answered: () => 'La demande de vérification de cet événement a reçu une réponse.',
      risk_assessed: (w) => `Le risque lié à cet événement a été évalué comme ${w.risk}.`,
      event_graded: (w) => `Le grade de cet événement est désormais : ${w.grade}.`,
      notification_due: (w) =>
        `Selon l’évaluation au titre de l’annexe 2 du RSI, cet événement doit être notifié à l’OMS dans les 24 heures, au plus tard le ${w.due}.`,
    },
    labels: {
      event: 'Événement',
      country: 'Pays',
      countries: 'Pays',
      disease: 'Maladie',
      status: 'Statut',
      risk: 'Risque',
      grade: 'Grade',
      due: 'Échéance',
      by: 'Par',
      note: 'Note',
      open: 'Ouvrir dans Accord',
    },
    labelSeparator: ' : ',
    listSeparator: ', ',
    subjectLine: dashed,
  },
  es: {
    subject: {
      event_created: () => 'Nuevo evento',
      event_updated: (w) => `Estado: ${w.status}`,
      event_published: () => 'Evento publicado',
      verification_requested: () => 'Solicitud de verificación',
      verification_reminder: () => 'Recordatorio: verificación pendiente',
      verification_escalated: () => 'Verificación remitida al nivel superior',
      verification_answered: () => 'Respuesta a la solicitud de verificación',
      risk_assessed: (w) => `Riesgo: ${w.risk}`,
      event_graded: (w) => `Grado: ${w.grade}`,
      notification_due: (w) => `Notificación a la OMS a más tardar el ${w.due}`,
    },
    lead: {
      event_created: () => 'Se ha registrado un nuevo evento.',
      event_updated: (w) =>
        w.previousStatus === null
          ? `El estado del evento ha cambiado a «${w.status}».`
          : `El estado del evento ha cambiado de «${w.previousStatus}» a «${w.status}».`,
      event_published: () => 'Se ha publicado el evento.',
      verification_requested: (w) =>
        withDue('Se le solicita que verifique este evento.', w.due, (due) => ` Le rogamos que responda a más tardar el ${due}.`),
      verification_reminder: (w) =>
        withDue(
          'Recordatorio: la solicitud de verificación de este evento sigue a la espera de su respuesta.',
          w.due,
          (due) => ` El plazo de respuesta vence el ${due}.`,
        ),
      verification_escalated: () =>
        'La solicitud de verificación de este evento no se respondió a tiempo y se ha remitido al nivel superior.',
      verification_answered: () => 'Se ha respondido a la solicitud de verificación de este evento.',
      risk_assessed: (w) => `El riesgo que plantea este evento se ha evaluado como ${w.risk}.`,
      event_graded: (w) => `El grado de este evento es ahora: ${w.grade}.`,
      notification_due: (w) =>
        `Según la evaluación con arreglo al anexo 2 del RSI, este evento debe notificarse a la OMS en un plazo de 24 horas, a más tardar el ${w.due}.`,
    },
    labels: {
      event: 'Evento',
      country: 'País',
      countries: 'Países',
      disease: 'Enfermedad',
      status: 'Estado',
      risk: 'Riesgo',
      grade: 'Grado',
      due: 'Plazo',
      by: 'Por',
      note: 'Nota',
      open: 'Abrir en Accord',
    },
    labelSeparator: ': ',
    listSeparator: ', ',
    subjectLine: dashed,
  },
  ru: {
    subject: {
      event_created: () => 'Новое событие',
      event_updated: (w) => `Статус: ${w.status}`,
      event_published: () => 'Событие опубликовано',
      verification_requested: () => 'Запрос о проверке',
      verification_reminder: () => 'Напоминание: запрос о проверке ждёт ответа',
      verification_escalated: () => 'Запрос о проверке передан на вышестоящий уровень',
      verification_answered: () => 'Получен ответ на запрос о проверке',
      risk_assessed: (w) => `Риск: ${w.risk}`,
      event_graded: (w) => `Классификация: ${w.grade}`,
      notification_due: (w) => `Уведомить ВОЗ до ${w.due}`,
    },
    lead: {
      event_created: () => 'Зарегистрировано новое событие.',
      event_updated: (w) =>
        w.previousStatus === null
          ? `Статус события изменён на «${w.status}».`
          : `Статус события изменён с «${w.previousStatus}» на «${w.status}».`,
      event_published: () => 'Событие опубликовано.',
      verification_requested: (w) =>
        withDue('Просим вас провести проверку этого события.', w.due, (due) => ` Ответ необходимо направить до ${due}.`),
      verification_reminder: (w) =>
        withDue(
          'Напоминание: запрос о проверке этого события по-прежнему ожидает вашего ответа.',
          w.due,
          (due) => ` Срок ответа — до ${due}.`,
        ),
      verification_escalated: () =>
        'Ответ на запрос о проверке этого события не получен в установленный срок; запрос передан на вышестоящий уровень.',
      verification_answered: () => 'Получен ответ на запрос о проверке этого события.',
      risk_assessed: (w) => `Риск, связанный с этим событием, оценён как ${w.risk}.`,
      event_graded: (w) => `Классификация этого события: ${w.grade}.`,
      notification_due: (w) =>
        `Согласно оценке по приложению 2 к ММСП, об этом событии необходимо уведомить ВОЗ в течение 24 часов, не позднее ${w.due}.`,
    },
    labels: {
      event: 'Событие',
      country: 'Страна',
      countries: 'Страны',
      disease: 'Заболевание',
      status: 'Статус',
      risk: 'Риск',
      grade: 'Классификация',
      due: 'Срок',
      by: 'Автор',
      note: 'Примечание',
      open: 'Открыть в Accord',
    },
    labelSeparator: ': ',
    listSeparator: ', ',
    subjectLine: dashed,
  },
  zh: {
    subject: {
      event_created: () => '新事件',
      event_updated: (w) => `状态：${w.status}`,
      event_published: () => '事件已发布',
      verification_requested: () => '核实请求',
      verification_reminder: () => '提醒：核实请求待答复',
      verification_escalated: () => '核实请求已提交上级',
      verification_answered: () => '核实请求已获答复',
      risk_assessed: (w) => `风险：${w.risk}`,
      event_graded: (w) => `分级：${w.grade}`,
      notification_due: (w) => `请于${w.due}前通报世卫组织`,
    },
    lead: {
      event_created: () => '已登记一起新事件。',
      event_updated: (w) =>
        w.previousStatus === null ? `事件状态已变更为“${w.status}”。` : `事件状态已由“${w.previousStatus}”变更为“${w.status}”。`,
      event_published: () => '该事件已发布。',
      verification_requested: (w) => withDue('请您核实该事件。', w.due, (due) => `请于${due}前答复。`),
      verification_reminder: (w) => withDue('提醒：该事件的核实请求仍在等待您的答复。', w.due, (due) => `答复截止时间为${due}。`),
      verification_escalated: () => '该事件的核实请求未在规定时限内得到答复，已提交上级处理。',
      verification_answered: () => '该事件的核实请求已得到答复。',
      risk_assessed: (w) => `该事件的风险等级已评估为“${w.risk}”。`,
      event_graded: (w) => `该事件的分级现为：${w.grade}。`,
      notification_due: (w) => `根据《国际卫生条例》附件2的评估，该事件须在24小时内通报世卫组织，截止时间为${w.due}。`,
    },
    labels: {
      event: '事件',
      country: '国家',
      countries: '国家',
      disease: '疾病',
      status: '状态',
      risk: '风险',
      grade: '分级',
      due: '截止时间',
      by: '操作人',
      note: '备注',
      open: '在 Accord 中打开',
    },
    labelSeparator: '：',
    listSeparator: '、',
    // Chinese subject lines set the topic in lenticular brackets rather than with a dash.
    subjectLine: (phrase, title) => `${TAG}【${phrase}】${title}`,
  },
  ar: {
    subject: {
      event_created: () => 'حدث جديد',
      event_updated: (w) => `الحالة: ${w.status}`,
      event_published: () => 'نشر الحدث',
      verification_requested: () => 'طلب تحقق',
      verification_reminder: () => 'تذكير: طلب تحقق بانتظار الرد',
      verification_escalated: () => 'إحالة طلب التحقق إلى المستوى الأعلى',
      verification_answered: () => 'ورود الرد على طلب التحقق',
      risk_assessed: (w) => `الخطر: ${w.risk}`,
      event_graded: (w) => `الدرجة: ${w.grade}`,
      notification_due: (w) => `إخطار منظمة الصحة العالمية قبل ${w.due}`,
    },
    lead: {
      event_created: () => 'سُجّل حدث جديد.',
      event_updated: (w) =>
        w.previousStatus === null ? `تغيّرت حالة الحدث إلى «${w.status}».` : `تغيّرت حالة الحدث من «${w.previousStatus}» إلى «${w.status}».`,
      event_published: () => 'نُشر الحدث.',
      verification_requested: (w) => withDue('يُرجى التحقق من هذا الحدث.', w.due, (due) => ` ويُرجى الرد قبل ${due}.`),
      verification_reminder: (w) =>
        withDue('تذكير: لا يزال طلب التحقق من هذا الحدث بانتظار ردكم.', w.due, (due) => ` الموعد النهائي للرد: ${due}.`),
      verification_escalated: () => 'لم يُرَدّ على طلب التحقق من هذا الحدث في الموعد المحدد، فأُحيل إلى المستوى الأعلى.',
      verification_answered: () => 'ورد الرد على طلب التحقق من هذا الحدث.',
      risk_assessed: (w) => `قُيّم الخطر الذي يشكله هذا الحدث بأنه ${w.risk}.`,
      event_graded: (w) => `درجة هذا الحدث الآن: ${w.grade}.`,
      notification_due: (w) =>
        `خلص التقييم وفقاً للمرفق 2 من اللوائح الصحية الدولية إلى وجوب إخطار منظمة الصحة العالمية بهذا الحدث في غضون 24 ساعة، أي قبل ${w.due}.`,
    },
    labels: {
      event: 'الحدث',
      country: 'البلد',
      countries: 'البلدان',
      disease: 'المرض',
      status: 'الحالة',
      risk: 'مستوى الخطر',
      grade: 'الدرجة',
      due: 'الموعد النهائي',
      by: 'بواسطة',
      note: 'ملاحظة',
      open: 'عرض في Accord',
    },
    labelSeparator: ': ',
    listSeparator: '، ',
    subjectLine: dashed,
  },
};

/**
 * A UTC instant to the minute, e.g. `2026-11-24 10:00 UTC`: the same in every language, unambiguous
 * across time zones, and free of the ISO "T" and "Z" that readers misread. Seconds are dropped (a
 * deadline to the minute), not rounded. Throws InstantError when `instant` is not a UTC instant.
 */
export function formatUtcMinute(instant: string): string {
  const normalised = msToInstant(instantToMs(instant));
  return `${normalised.slice(0, 10)} ${normalised.slice(11, 16)} UTC`;
}

/**
 * Left-to-right isolate (U+2066 … U+2069) around a date in Arabic text: without it the bidirectional
 * algorithm may show "UTC 10:00 2026-11-24" in a right-to-left line.
 */
const isolateLeftToRight = (text: string) => `\u2066${text}\u2069`;

/** Facts a kind cannot be written without: the message would say nothing. */
const REQUIRED: Partial<Record<MessageKind, keyof MessageFacts>> = {
  risk_assessed: 'riskLevel',
  event_graded: 'grade',
  notification_due: 'dueAt',
};

/** The message about `kind` for a recipient reading `language`; throws MessageFactsError when a fact the kind needs is missing. */
export function renderMessage(kind: MessageKind, language: Language, facts: MessageFacts): RenderedMessage {
  const required = REQUIRED[kind];
  if (required !== undefined && facts[required] === null) throw new MessageFactsError(`a ${kind} message needs ${required}`);
  const catalogue = CATALOGUES[language];
  const due = facts.dueAt === null ? null : formatUtcMinute(facts.dueAt);
  const words: Words = {
    status: EVENT_STATUS_WORDS[language][facts.status],
    previousStatus: facts.previousStatus ? EVENT_STATUS_WORDS[language][facts.previousStatus] : null,
    risk: facts.riskLevel === null ? null : RISK_LEVEL_WORDS[language][facts.riskLevel],
    grade: facts.grade === null ? null : GRADE_WORDS[language][facts.grade],
    due: due !== null && language === 'ar' ? isolateLeftToRight(due) : due,
  };
  const { labels, labelSeparator } = catalogue;
  const line = (label: string, value: string | null) =>
    value === null || value.trim() === '' ? [] : [`${label}${labelSeparator}${value}`];
  const countries = facts.countryNames.join(catalogue.listSeparator);
  const body = [
    ...line(labels.event, facts.eventTitle),
    ...line(facts.countryNames.length === 1 ? labels.country : labels.countries, countries),
    ...line(labels.disease, facts.diseaseName),
    ...line(labels.status, words.status),
    ...line(labels.risk, words.risk),
    ...line(labels.grade, words.grade),
    ...line(labels.due, words.due),
    ...line(labels.by, facts.actorLabel),
    ...line(labels.note, facts.note),
  ];
  const text = [catalogue.lead[kind](words), '', ...body, '', `${labels.open}${labelSeparator}${facts.eventUrl}`, ''].join('\n');
  // Line breaks in a title would break the subject header.
  const title = facts.eventTitle.replace(/\s+/g, ' ').trim();
  return { subject: catalogue.subjectLine(catalogue.subject[kind](words), title), text };
}
