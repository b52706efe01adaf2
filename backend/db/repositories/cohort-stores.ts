import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type {
  CohortGroupRecord,
  CohortMemberRecord,
  CohortRoundRecord,
  GroupExplanation,
  MatchQuality,
  TenantCohortStore,
} from '../../domain/cohorts/cohorts.types.ts';
import type { Db } from '../database.ts';
import { cohortFeedback, cohortGroupMembers, cohortGroups, cohortMembers, cohortRounds } from '../schema.ts';

const asMember = (row: typeof cohortMembers.$inferSelect) => row as CohortMemberRecord;
const asRound = (row: typeof cohortRounds.$inferSelect) =>
  ({ ...row, report: row.report as MatchQuality }) as CohortRoundRecord;

export function tenantCohortStore(db: Db, tenantId: string): TenantCohortStore {
  async function groupsWhere(roundId: string, groupId?: string): Promise<CohortGroupRecord[]> {
    const rows = await db
      .select({
        id: cohortGroups.id,
        roundId: cohortGroups.roundId,
        number: cohortGroups.number,
        score: cohortGroups.score,
        why: cohortGroups.why,
        memberId: cohortGroupMembers.memberId,
      })
      .from(cohortGroups)
      .innerJoin(cohortGroupMembers, eq(cohortGroupMembers.groupId, cohortGroups.id))
      .where(
        and(
          eq(cohortGroups.tenantId, tenantId),
          eq(cohortGroupMembers.tenantId, tenantId),
          eq(cohortGroups.roundId, roundId),
          groupId ? eq(cohortGroups.id, groupId) : undefined,
        ),
      )
      .orderBy(asc(cohortGroups.number), asc(cohortGroupMembers.memberId));
    const groups = new Map<string, CohortGroupRecord>();
    for (const row of rows) {
      let group = groups.get(row.id);
      if (!group) {
        group = {
          id: row.id,
          roundId: row.roundId,
          number: row.number,
          score: row.score,
          why: row.why as GroupExplanation,
          memberIds: [],
        };
        groups.set(row.id, group);
      }
      group.memberIds.push(row.memberId);
    }
    return [...groups.values()];
  }

  return {
    async findMemberByUser(appId, userId) {
      const [row] = await db
        .select()
        .from(cohortMembers)
        .where(
          and(
            eq(cohortMembers.tenantId, tenantId),
            eq(cohortMembers.appId, appId),
            eq(cohortMembers.userId, userId),
          ),
        );
      return row && asMember(row);
    },
    async upsertMember(values) {
      const [row] = await db
        .insert(cohortMembers)
        .values({ ...values, tenantId, status: 'active', ignoredRounds: 0 })
        .onConflictDoUpdate({
          target: [cohortMembers.tenantId, cohortMembers.appId, cohortMembers.userId],
          set: {
            displayName: values.displayName,
            email: values.email,
            interests: values.interests,
            goals: values.goals,
            experience: values.experience,
            timeZone: values.timeZone,
            weeklyHours: values.weeklyHours,
            answers: values.answers,
            avoid: values.avoid,
            status: 'active',
            ignoredRounds: 0,
            updatedAt: sql`now()`,
          },
        })
        .returning();
      return asMember(row!);
    },
    async updateMember(appId, memberId, values) {
      const [row] = await db
        .update(cohortMembers)
        .set({ ...values, updatedAt: sql`now()` })
        .where(
          and(
            eq(cohortMembers.tenantId, tenantId),
            eq(cohortMembers.appId, appId),
            eq(cohortMembers.id, memberId),
          ),
        )
        .returning();
      return row && asMember(row);
    },
    async listMembers(appId, options = {}) {
      const rows = await db
        .select()
        .from(cohortMembers)
        .where(
          and(
            eq(cohortMembers.tenantId, tenantId),
            eq(cohortMembers.appId, appId),
            options.status ? eq(cohortMembers.status, options.status) : undefined,
          ),
        )
        .orderBy(asc(cohortMembers.createdAt), asc(cohortMembers.id));
      return rows.map(asMember);
    },
    async getMembers(appId, ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .select()
        .from(cohortMembers)
        .where(
          and(
            eq(cohortMembers.tenantId, tenantId),
            eq(cohortMembers.appId, appId),
            inArray(cohortMembers.id, [...ids]),
          ),
        );
      return rows.map(asMember);
    },
    async nextRoundNumber(appId) {
      const [row] = await db
        .select({ last: sql<number | null>`max(${cohortRounds.number})` })
        .from(cohortRounds)
        .where(and(eq(cohortRounds.tenantId, tenantId), eq(cohortRounds.appId, appId)));
      return Number(row?.last ?? 0) + 1;
    },
    async insertRound(values, groups) {
      const [round] = await db
        .insert(cohortRounds)
        .values({ ...values, tenantId, status: 'draft' })
        .returning();
      for (const group of groups) {
        const [inserted] = await db
          .insert(cohortGroups)
          .values({ tenantId, roundId: round!.id, number: group.number, score: group.score, why: group.why })
          .returning({ id: cohortGroups.id });
        await db.insert(cohortGroupMembers).values(
          group.memberIds.map((memberId) => ({
            tenantId,
            roundId: round!.id,
            groupId: inserted!.id,
            memberId,
          })),
        );
      }
      return asRound(round!);
    },
    async getRound(appId, roundId) {
      const [row] = await db
        .select()
        .from(cohortRounds)
        .where(
          and(
            eq(cohortRounds.tenantId, tenantId),
            eq(cohortRounds.appId, appId),
            eq(cohortRounds.id, roundId),
          ),
        );
      return row && asRound(row);
    },
    async publishRound(appId, roundId, at) {
      const [row] = await db
        .update(cohortRounds)
        .set({ status: 'published', publishedAt: at })
        .where(
          and(
            eq(cohortRounds.tenantId, tenantId),
            eq(cohortRounds.appId, appId),
            eq(cohortRounds.id, roundId),
            eq(cohortRounds.status, 'draft'),
          ),
        )
        .returning();
      return row && asRound(row);
    },
    async publishedRounds(appId, limit) {
      const rows = await db
        .select()
        .from(cohortRounds)
        .where(
          and(
            eq(cohortRounds.tenantId, tenantId),
            eq(cohortRounds.appId, appId),
            eq(cohortRounds.status, 'published'),
          ),
        )
        .orderBy(desc(cohortRounds.number))
        .limit(limit);
      return rows.map(asRound);
    },
    listGroups: (roundId) => groupsWhere(roundId),
    async groupOf(roundId, memberId) {
      const [row] = await db
        .select({ groupId: cohortGroupMembers.groupId })
        .from(cohortGroupMembers)
        .where(
          and(
            eq(cohortGroupMembers.tenantId, tenantId),
            eq(cohortGroupMembers.roundId, roundId),
            eq(cohortGroupMembers.memberId, memberId),
          ),
        );
      if (!row) return undefined;
      const [group] = await groupsWhere(roundId, row.groupId);
      return group;
    },
    async introducedAt(roundId, memberId) {
      const [row] = await db
        .select({ introducedAt: cohortGroupMembers.introducedAt })
        .from(cohortGroupMembers)
        .where(
          and(
            eq(cohortGroupMembers.tenantId, tenantId),
            eq(cohortGroupMembers.roundId, roundId),
            eq(cohortGroupMembers.memberId, memberId),
          ),
        );
      return row?.introducedAt;
    },
    async markIntroduced(roundId, memberId, at) {
      await db
        .update(cohortGroupMembers)
        .set({ introducedAt: at })
        .where(
          and(
            eq(cohortGroupMembers.tenantId, tenantId),
            eq(cohortGroupMembers.roundId, roundId),
            eq(cohortGroupMembers.memberId, memberId),
            sql`${cohortGroupMembers.introducedAt} is null`,
          ),
        );
    },
    async setFeedback(roundId, memberId, met) {
      await db
        .insert(cohortFeedback)
        .values({ tenantId, roundId, memberId, met })
        .onConflictDoUpdate({
          target: [cohortFeedback.roundId, cohortFeedback.memberId],
          set: { met, createdAt: sql`now()` },
          setWhere: eq(cohortFeedback.tenantId, tenantId),
        });
    },
    async feedbackFor(roundId) {
      const rows = await db
        .select({ memberId: cohortFeedback.memberId, met: cohortFeedback.met })
        .from(cohortFeedback)
        .where(and(eq(cohortFeedback.tenantId, tenantId), eq(cohortFeedback.roundId, roundId)));
      return new Map(rows.map((row) => [row.memberId, row.met]));
    },
  };
}
