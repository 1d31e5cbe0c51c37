// Holds and transfers. Either may name the agent's channel rather than the caller's, so the call
// is found by Uniqueid, then by the agent's channel, then by Linkedid. An Unhold is held back for
// the hold-check window: a Hold of the same call within it is a call.hold_check (the 30-second
// rule on a real phone), else the mapper's timer writes it as a call.resumed at its own time.
import { agentIdOf } from './agent-id.js';
import type { AmiMapper } from './ami-mapper.js';
import type { CallBelief } from './ami-state.js';
import { field, type AmiMessage } from './ami-wire.js';

export function onHold(mapper: AmiMapper, m: AmiMessage, ts: number, at: number): boolean {
  const call = resolve(mapper, m, ['']);
  if (!call?.agentId) return false;
  mapper.touch(call, at);
  if (call.unhold) {
    const { ts: unholdTs } = call.unhold;
    call.unhold = null;
    if (ts - unholdTs <= mapper.holdCheckWindowMs) {
      // Off hold and back on within the window: the agent checked on the caller.
      mapper.emit({ type: 'call.hold_check', callId: mapper.callId(call.uid), agentId: call.agentId, ts });
      return true;
    }
    mapper.settleUnhold(call, unholdTs);
  }
  if (call.held) return true; // the other channel of the same hold
  call.held = true;
  mapper.emit({ type: 'call.held', callId: mapper.callId(call.uid), agentId: call.agentId, ts });
  mapper.showAgent(mapper.agent(call.agentId, at), ts);
  return true;
}

export function onUnhold(mapper: AmiMapper, m: AmiMessage, ts: number, at: number): boolean {
  const call = resolve(mapper, m, ['']);
  if (!call?.agentId) return false;
  mapper.touch(call, at);
  if (call.held && !call.unhold) call.unhold = { ts, at };
  return true;
}

export function onTransfer(mapper: AmiMapper, name: 'BlindTransfer' | 'AttendedTransfer', m: AmiMessage, ts: number, at: number): boolean {
  if ((field(m, 'Result') ?? 'Success') !== 'Success') return false;
  const blind = name === 'BlindTransfer';
  const parties = blind ? ['Transferee', 'Transferer'] : ['Transferee', 'OrigTransferer', 'SecondTransferer', 'TransferTarget'];
  const call = resolve(mapper, m, parties);
  if (!call) return false;
  mapper.touch(call, at);
  const agentId = call.agentId ?? agentIdOf(field(m, blind ? 'TransfererChannel' : 'OrigTransfererChannel') ?? '');
  if (!agentId) {
    mapper.skip(`${name} of a call without its agent`);
    return false;
  }
  if (call.unhold) mapper.settleUnhold(call, call.unhold.ts);
  // The target is named only when it is an agent the board knows, never a dialled number.
  const target = blind ? null : agentIdOf(field(m, 'TransferTargetChannel') ?? '');
  const toAgentId = target !== null && target !== agentId && mapper.state.agents.has(target) ? target : null;
  mapper.emit({ type: 'call.transferred', callId: mapper.callId(call.uid), agentId, ts, mode: blind ? 'cold' : 'warm', ...(toAgentId ? { toAgentId } : {}) });
  mapper.release(call, ts, at);
  if (toAgentId) {
    call.agentId = toAgentId;
    call.agentUid = field(m, 'TransferTargetUniqueid') ?? null;
  }
  return true;
}

/** The call a hold or transfer is about: by Uniqueid, then the agent's channel, then Linkedid. */
function resolve(mapper: AmiMapper, m: AmiMessage, parties: string[]): CallBelief | undefined {
  const ids = [...parties.map((p) => field(m, `${p}Uniqueid`)), ...parties.map((p) => field(m, `${p}Linkedid`))];
  for (const id of ids) {
    if (!id) continue;
    const direct = mapper.state.calls.get(id);
    if (direct) return direct;
    for (const call of mapper.state.calls.values()) if (call.agentUid === id) return call;
  }
  return undefined;
}
