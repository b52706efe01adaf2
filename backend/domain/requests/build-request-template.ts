import type { RequestTemplate } from './request-form-schema.ts';

/**
 * The fields and pricing a creator starts from. Saved configs hold the resulting fields, so a creator
 * may change any of them afterwards; the template only fills what the creator left out.
 */
export function buildRequestTemplate(template: RequestTemplate): {
  fields: Record<string, unknown>[];
  pricing: Record<string, unknown>;
} {
  switch (template) {
    case 'song':
      return {
        fields: [
          { id: 'title', type: 'short-text', label: 'Song title', required: true, maxLength: 120 },
          { id: 'artist', type: 'short-text', label: 'Artist', required: true, maxLength: 120 },
          {
            id: 'link',
            type: 'url',
            label: 'Link to the song',
            help: 'YouTube, SoundCloud or Spotify',
            allowedSources: ['youtube', 'soundcloud', 'spotify'],
          },
          { id: 'message', type: 'long-text', label: 'Message for the streamer', maxLength: 300 },
        ],
        pricing: {
          mode: 'fixed',
          amount: 300,
          addOns: [{ id: 'priority', label: 'Play it next', amount: 500, priority: true, cap: 3 }],
        },
      };
    case 'shoutout':
      return {
        fields: [
          { id: 'recipient', type: 'short-text', label: 'Who is it for?', required: true, maxLength: 80 },
          {
            id: 'occasion',
            type: 'select',
            label: 'Occasion',
            required: true,
            options: [
              { value: 'birthday', label: 'Birthday' },
              { value: 'congrats', label: 'Congratulations' },
              { value: 'pep-talk', label: 'Pep talk' },
              { value: 'other', label: 'Something else' },
            ],
          },
          { id: 'message', type: 'long-text', label: 'What should I say?', required: true, maxLength: 1000 },
          { id: 'due', type: 'date', label: 'Needed by' },
        ],
        pricing: { mode: 'fixed', amount: 1500 },
      };
    case 'commission':
      return {
        fields: [
          {
            id: 'size',
            type: 'radio-cards',
            label: 'Size',
            required: true,
            options: [
              { value: 'icon', label: 'Icon, 32×32', amount: 1500 },
              { value: 'emote', label: 'Emote set of three', amount: 4000 },
              { value: 'banner', label: 'Banner', amount: 9000 },
            ],
          },
          {
            id: 'brief',
            type: 'long-text',
            label: 'Describe what you would like',
            required: true,
            minLength: 20,
            maxLength: 4000,
          },
          {
            id: 'references',
            type: 'file',
            label: 'Reference images',
            accept: ['image/png', 'image/jpeg', 'image/webp'],
            maxBytes: 5 * 1024 * 1024,
            maxFiles: 3,
          },
          { id: 'deadline', type: 'date', label: 'Deadline' },
          { id: 'terms', type: 'consent', label: 'I accept the commission terms', required: true },
        ],
        pricing: { mode: 'per-option', optionField: 'size' },
      };
    case 'blank':
      return {
        fields: [
          { id: 'request', type: 'long-text', label: 'Your request', required: true, maxLength: 2000 },
        ],
        pricing: { mode: 'free' },
      };
  }
}
