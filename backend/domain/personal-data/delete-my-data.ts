import type { Actor } from '../actor.ts';
import type { FanIdentity } from '../identity/fan-identity.ts';
import type { TenantStore } from '../ports.ts';
import type { AttachmentStorage } from '../requests/request-types.ts';
import { PERSONAL_DATA_SOURCES } from './personal-data-sources.ts';
import type { PersonalDataSource } from './personal-data-types.ts';

/**
 * Erases the signed-in fan's personal data in one app, in one transaction, and records that it
 * happened (not what was erased) in the creator's audit log.
 */
export async function deleteMyData({
  store,
  fan,
  files,
  requestId,
  sources = PERSONAL_DATA_SOURCES,
}: {
  store: TenantStore;
  fan: FanIdentity;
  /** Where uploaded attachments are kept; the fan's are deleted there too. */
  files: AttachmentStorage;
  requestId?: string | undefined;
  sources?: readonly PersonalDataSource[];
}): Promise<{ kind: string; erased: number }[]> {
  return store.transaction(async (tx) => {
    const result = [];
    for (const source of sources) {
      result.push({
        kind: source.kind,
        erased: await source.erase({ store: tx, appId: fan.appId, userId: fan.userId, files }),
      });
    }
    const actor: Actor = { type: 'user', id: fan.userId, requestId };
    await tx.audit.append(actor, {
      action: 'fan.data.delete',
      targetType: 'app',
      targetId: fan.appId,
      before: null,
      after: { erased: result },
    });
    return result;
  });
}
