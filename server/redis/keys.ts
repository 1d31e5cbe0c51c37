// Key names. Everything a consumer group owns shares one hash tag, so on Redis Cluster it
// lives in one slot; a partitioned stream "wallboard:events:{q}" keeps its dead letters beside it.
export const keys = {
  checkpoint: (group: string) => `wallboard:{${group}}:checkpoint`,
  checkpointCalls: (group: string) => `wallboard:{${group}}:checkpoint:calls`,
  lease: (group: string) => `wallboard:{${group}}:lease`,
  deadLetters: (stream: string) => `${stream}:dead`,
};
