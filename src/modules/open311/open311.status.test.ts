import { describe, expect, it } from 'vitest';
import { requestStates } from '../../shared/request-states.js';
import { open311StatusOf, statesOf, statusNotesOf } from './open311.status.js';

describe('Open311 status mapping', () => {
  it('maps every state, resolved-awaiting-confirmation to closed', () => {
    for (const s of requestStates) expect(['open', 'closed']).toContain(open311StatusOf[s]);
    expect(open311StatusOf.resolved).toBe('closed');
    expect(open311StatusOf.reopened).toBe('open');
    expect(open311StatusOf.escalated).toBe('open');
  });

  it('turns status filters into the states they stand for', () => {
    expect(statesOf(['closed']).sort()).toEqual(['cancelled', 'closed', 'merged', 'resolved']);
    expect(statesOf(['open', 'closed'])).toEqual([...requestStates]);
    expect(statesOf([])).toEqual([]);
  });

  it('explains a state with the public note only when the note belongs to it', () => {
    expect(statusNotesOf('resolved', '已更换灯泡')).toBe('待确认：已更换灯泡');
    expect(statusNotesOf('closed', '已更换灯泡')).toBe('已办结：已更换灯泡');
    expect(statusNotesOf('reopened', '已更换灯泡')).toBe('已重开');
    expect(statusNotesOf('submitted', null)).toBe('待派单');
    expect(statusNotesOf('merged', null)).toContain('合并');
  });
});
