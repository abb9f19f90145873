import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteBody, RouteName, RouteParams, RouteQuery, RouteResult } from '@accord/contracts';
import type { RequestContext } from '../../services/context.js';

export interface HandlerInput<N extends RouteName> {
  params: RouteParams<N>;
  query: RouteQuery<N>;
  body: RouteBody<N>;
  ctx: RequestContext;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** A route handler: one line calling a service, typed by the route's contract. */
export type Handler<N extends RouteName> = (input: HandlerInput<N>) => Promise<RouteResult<N>>;
export type Handlers<K extends RouteName> = { [N in K]: Handler<N> };
