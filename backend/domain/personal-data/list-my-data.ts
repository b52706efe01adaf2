import type { FanIdentity } from '../identity/fan-identity.ts';
import type { TenantStore } from '../ports.ts';
import { PERSONAL_DATA_SOURCES } from './personal-data-sources.ts';
import type { PersonalDataItem, PersonalDataSource } from './personal-data-types.ts';

/** What one app holds about the signed-in fan, by kind. */
export async function listMyData({
  store,
  fan,
  sources = PERSONAL_DATA_SOURCES,
}: {
  store: TenantStore;
  fan: FanIdentity;
  sources?: readonly PersonalDataSource[];
}): Promise<{ kind: string; items: PersonalDataItem[] }[]> {
  const result = [];
  for (const source of sources) {
    result.push({
      kind: source.kind,
      items: await source.list({ store, appId: fan.appId, userId: fan.userId }),
    });
  }
  return result;
}
