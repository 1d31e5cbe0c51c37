// One colour per agent state, always shown beside the state's name (never colour alone).
import type { AgentState } from '../../server/contract/vocabulary.js';

export const AGENT_STATE_COLOUR: Readonly<Record<AgentState, string>> = {
  available: 'var(--wb-agent-available, #3ccf7e)',
  ringing: 'var(--wb-agent-ringing, #f2d94e)',
  talking: 'var(--wb-agent-talking, #4aa8ff)',
  hold: 'var(--wb-agent-hold, #c68cff)',
  acw: 'var(--wb-agent-acw, #37c6c0)',
  paused: 'var(--wb-agent-paused, #f59a4a)',
  offline: 'var(--wb-agent-offline, #5b6775)',
};
