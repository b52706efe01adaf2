/** Who is acting, as recorded in the audit log. */
export interface Actor {
  type: 'api_key' | 'user' | 'system' | 'operator';
  id: string;
  requestId?: string | undefined;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'patchbay' };
