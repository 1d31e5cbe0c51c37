// What the server's word on its event feed (pushed in the snapshot and in deltas) means for a
// screen that is connected to it: live, catching up (numbers may lag but move), or down (the
// numbers are as of when the feed stopped).
import type { FeedStatus } from '../../server/contract/snapshot.js';

/** connecting: no data yet; live: data is current; catchingUp: the server is reading a backlog; reconnecting: server gone; feedDown: server up, its event feed not; sourceDown: the feed is read, but a PBX source feeding it is down or gone. */
/** refused: the server would not serve this screen's view (it serves as many distinct views as it may); until its next snapshot. */
export type ConnectionState = 'connecting' | 'live' | 'catchingUp' | 'reconnecting' | 'feedDown' | 'sourceDown' | 'refused';

export interface FeedConnection {
  connection: ConnectionState;
  /** Server time up to which the data is known to be current; null while it is. */
  staleSinceTs: number | null;
}

/**
 * A snapshot without a feed status (the pure core's, as in tests) counts as live. A PBX source
 * that is down or gone makes the board incomplete, said in the connection pill, while the source
 * pill names it and since when; the clocks keep running, since the other sources' calls are
 * current and a hold check must still fall due on time.
 */
export function feedConnection(feed: FeedStatus | undefined): FeedConnection {
  if (!feed) return { connection: 'live', staleSinceTs: null };
  switch (feed.state) {
    case 'live': {
      const lost = (feed.sources ?? []).filter((s) => s.state === 'down' || s.state === 'gone');
      if (lost.length > 0) return { connection: 'sourceDown', staleSinceTs: null };
      return { connection: 'live', staleSinceTs: null };
    }
    // The data was current until the server lost its feed: that is the time it is "from".
    case 'down':
      return { connection: 'feedDown', staleSinceTs: feed.sinceTs };
    // A served snapshot should never come from a standby, but if it does its data lags too.
    case 'catchingUp':
    case 'starting':
    case 'standby':
      return { connection: 'catchingUp', staleSinceTs: null };
    default: {
      const never: never = feed.state;
      return never;
    }
  }
}
