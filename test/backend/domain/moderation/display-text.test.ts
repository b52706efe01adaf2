import { describe, expect, it } from 'vitest';
import { cleanFanText, DISPLAY_TEXT_LIMIT } from '../../../../backend/domain/moderation/clean-fan-text.ts';
import { formatForDiscord } from '../../../../backend/domain/moderation/format-for-discord.ts';
import { formatForHtml } from '../../../../backend/domain/moderation/format-for-html.ts';
import { formatForMarkdown } from '../../../../backend/domain/moderation/format-for-markdown.ts';
import { formatPlainText } from '../../../../backend/domain/moderation/format-plain-text.ts';
import { groupIpAddress } from '../../../../backend/domain/moderation/group-ip-address.ts';

describe('fan text on every surface', () => {
  it('HTML: markup and event handlers show as text', () => {
    const html = formatForHtml('<img src=x onerror="alert(1)"> & <script>alert(2)</script>');
    expect(html).toBe(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;script&gt;alert(2)&lt;/script&gt;',
    );
    expect(html).not.toMatch(/<|>/);
  });

  it('HTML: a javascript: link stays text and never becomes an element', () => {
    expect(formatForHtml('[click](javascript:alert(1)) javascript:alert(1)')).not.toMatch(/<a\b|href/);
  });

  it('Discord: @everyone, @here, user, role and channel mentions ping nobody', () => {
    const text = formatForDiscord('@everyone @here <@123456789> <@!42> <@&987654321> <#555> hi');
    expect(text).not.toMatch(/@everyone|@here|<@\d|<@!|<@&|<#\d/);
    expect(text).toContain('@\u200beveryone');
    expect(text).toContain('@\u200bhere');
  });

  it('Markdown (Discord, Trello): formatting, links, headings and code show as typed', () => {
    const text = formatForMarkdown(
      '# Title\n**bold** __u__ ~~s~~ `code` ||spoiler|| [x](javascript:alert(1)) > quote',
    );
    expect(text).toBe(
      '\\# Title\n\\*\\*bold\\*\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~ \\`code\\` \\|\\|spoiler\\|\\| \\[x\\]\\(javascript:alert\\(1\\)\\) \\> quote',
    );
    expect(formatForDiscord('[x](https://evil.example)')).not.toMatch(/\[x\]\(/);
  });

  it('strips zero-width and right-to-left override characters that could spoof', () => {
    const spoof = 'invoice\u202Egnp.exe \u200Bfree\u200D\u2066x\u2069\uFEFF';
    expect(cleanFanText(spoof)).toBe('invoicegnp.exe freex');
    for (const format of [
      formatForHtml,
      formatForMarkdown,
      formatForDiscord,
      (t: string) => formatPlainText(t),
    ]) {
      expect(format(spoof)).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/);
    }
  });

  it('caps a 1 MB string on every surface', () => {
    const huge = '<b>x</b>'.repeat(131_072); // 1 MiB
    expect(Array.from(cleanFanText(huge)).length).toBe(DISPLAY_TEXT_LIMIT);
    expect(cleanFanText(huge).endsWith('…')).toBe(true);
    expect(formatForHtml(huge).length).toBeLessThan(DISPLAY_TEXT_LIMIT * 6);
    expect(formatForDiscord(huge).length).toBeLessThan(2000 * 3);
    expect(formatPlainText(huge, { limit: 100 }).length).toBeLessThanOrEqual(100);
  });

  it('never cuts a character in half', () => {
    const emoji = '😀'.repeat(3000);
    const cut = cleanFanText(emoji, 10);
    expect(Array.from(cut)).toEqual([...'😀'.repeat(9), '…']);
  });

  it('plain text on one line cannot add lines to a subject or header', () => {
    expect(formatPlainText('Hi\r\nBcc: all@example.com', { singleLine: true })).toBe(
      'Hi Bcc: all@example.com',
    );
  });

  it('groups IPv6 addresses by /56 and IPv4 by /32', () => {
    expect(groupIpAddress('2001:db8:aa:bb12::1')).toBe('2001:db8:aa:bb00::/56');
    expect(groupIpAddress('2001:db8:aa:bbff:ffff::9')).toBe('2001:db8:aa:bb00::/56');
    expect(groupIpAddress('2001:db8:aa:cc00::1')).toBe('2001:db8:aa:cc00::/56');
    expect(groupIpAddress('::ffff:198.51.100.4')).toBe('198.51.100.4/32');
    expect(groupIpAddress('198.51.100.4')).toBe('198.51.100.4/32');
    expect(groupIpAddress('not an address')).toBeUndefined();
  });
});
