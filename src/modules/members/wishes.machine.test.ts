import { describe, expect, it } from 'vitest';
import { wishMachine, memberMachine } from './wishes.machine.js';

describe('the wish machine', () => {
  it('runs post → approve → claim → fulfil → confirm, each step by its kind only', () => {
    expect(wishMachine.nextState('review', 'approve', ['staff'])).toBe('open');
    expect(wishMachine.nextState('open', 'claim', ['member'])).toBe('claimed');
    expect(wishMachine.nextState('claimed', 'fulfil', ['claimant', 'member'])).toBe('fulfilled');
    expect(wishMachine.nextState('fulfilled', 'confirm', ['poster'])).toBe('confirmed');
    expect(wishMachine.terminalStates).toEqual(['confirmed', 'rejected']);
  });

  it('lets a claim go back to the pool: released by the claimant or staff, expired by the job', () => {
    expect(wishMachine.nextState('claimed', 'release', ['claimant'])).toBe('open');
    expect(wishMachine.nextState('claimed', 'release', ['staff'])).toBe('open');
    expect(wishMachine.nextState('claimed', 'expire', ['system'])).toBe('open');
    expect(wishMachine.canMove('claimed', 'expire', ['staff', 'claimant'])).toBe(false);
  });

  it('a decline sends a fulfilment back to the claimant', () => {
    expect(wishMachine.nextState('fulfilled', 'decline', ['poster'])).toBe('claimed');
    expect(wishMachine.canMove('fulfilled', 'decline', ['claimant'])).toBe(false);
  });

  it('refuses illegal steps with 409 and the wrong actor with 403', () => {
    expect(() => wishMachine.nextState('review', 'claim', ['member'])).toThrow(expect.objectContaining({ code: 'WISH_ILLEGAL_STEP' }));
    expect(() => wishMachine.nextState('claimed', 'claim', ['member'])).toThrow(expect.objectContaining({ code: 'WISH_ILLEGAL_STEP' }));
    expect(() => wishMachine.nextState('open', 'claim', ['poster', 'staff'])).toThrow(expect.objectContaining({ code: 'WISH_NOT_YOURS' }));
    expect(() => wishMachine.nextState('claimed', 'fulfil', ['member'])).toThrow(expect.objectContaining({ code: 'WISH_NOT_YOURS' }));
    expect(() => wishMachine.nextState('confirmed', 'confirm', ['poster'])).toThrow(expect.objectContaining({ code: 'WISH_ILLEGAL_STEP' }));
  });

  it('gives the abilities a member and a poster see on an open and a fulfilled wish', () => {
    expect(wishMachine.abilities('open', ['member'])).toMatchObject({ claim: true, release: false, fulfil: false, confirm: false });
    expect(wishMachine.abilities('fulfilled', ['poster'])).toMatchObject({ confirm: true, decline: true, claim: false });
  });

  it('the registry: approve or reject a 报到; an active member leaves or transfers', () => {
    expect(memberMachine.nextState('pending', 'approve', ['committee'])).toBe('active');
    expect(() => memberMachine.nextState('pending', 'approve', ['self'])).toThrow();
    expect(memberMachine.nextState('active', 'leave', ['self'])).toBe('left');
    expect(memberMachine.nextState('active', 'transfer', ['committee'])).toBe('transferred');
    expect(() => memberMachine.nextState('left', 'approve', ['committee'])).toThrow();
  });
});
