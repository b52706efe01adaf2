export const WIDGET_KINDS = ['tip-jar', 'request-form', 'booking', 'cohort-matcher'] as const;
export type WidgetKind = (typeof WIDGET_KINDS)[number];

export const EMBED_SNIPPET_MODES = ['iframe', 'inline', 'button'] as const;
export type EmbedSnippetMode = (typeof EMBED_SNIPPET_MODES)[number];

export interface ThemeOverrides {
  accent?: string;
  accentText?: string;
  radius?: string;
  fontFamily?: string;
}

/** An app as `getApp` returns it. */
export interface ConsoleApp {
  id: string;
  type: WidgetKind;
  name: string;
  status: 'active' | 'paused' | 'killed';
  config: Record<string, unknown>;
  theme: ThemeOverrides;
  allowedOrigins: string[];
  createdAt: string;
  updatedAt: string;
}

/** `getSession`. */
export interface ConsoleSession {
  user: { id: string; displayName: string | null; email: string | null };
  memberships: Array<{ tenantId: string; tenantName: string; role: string }>;
  csrfToken: string;
}

/** A starting point in the gallery: a widget type and the config it starts with. */
export interface ConsoleTemplate {
  id: string;
  type: WidgetKind;
  title: string;
  description: string;
  name: string;
  config: Record<string, unknown>;
}

export interface EmbedSnippet {
  mode: EmbedSnippetMode;
  html: string;
  strictCsp: { html: string; css: string };
  reservedHeight: number;
}

export interface ConsoleRequest {
  id: string;
  appId: string;
  state: string;
  answers: Record<string, unknown>;
  addOns: string[];
  priority: boolean;
  amount: number;
  currency: string;
  paymentMethod: string;
  fanName: string | null;
  note: string | null;
  reason: string | null;
  position: number | null;
  createdAt: string;
}
