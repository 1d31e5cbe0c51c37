// Intraday buckets for the chart and target tests: every part zero but the ones a test names.
import type { IntradayBucket } from '../../server/contract/snapshot.js';

export type Parts = Partial<Omit<IntradayBucket, 'queue' | 'startTs'>>;

export const bucket = (
  startTs: number,
  offered: number,
  answered: number,
  abandoned: number,
  serviceLevel: number | null,
  queue: string | null = null,
  parts: Parts = {},
): IntradayBucket => ({
  queue,
  startTs,
  offered,
  answered,
  abandoned,
  exited: 0,
  serviceLevel,
  standardAnswered: answered,
  standardHandled: answered + abandoned,
  vipAnswered: 0,
  vipHandled: 0,
  answeredWithinSl: 0,
  arrived: 0,
  blocked: 0,
  surveys: 0,
  surveyScoreSum: 0,
  resolved: 0,
  endedWithResolution: 0,
  holdChecksDue: 0,
  holdChecksOnTime: 0,
  complaintsDue: 0,
  complaintsRepliedOnTime: 0,
  ...parts,
});

/** A bucket that carries only the given KPI parts. */
export const parts = (startTs: number, p: Parts): IntradayBucket => bucket(startTs, 0, 0, 0, null, null, { standardAnswered: 0, standardHandled: 0, ...p });
