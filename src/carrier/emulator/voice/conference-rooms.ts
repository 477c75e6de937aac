import type { CallLeg } from './call-leg.ts';

export interface Participant {
  leg: CallLeg;
  startConferenceOnEnter: boolean;
  endConferenceOnExit: boolean;
  /** Called when the participant is sent out of the room (the conference ended). */
  removed: () => void;
}

/** A conference: it starts once a participant who may start it is in, and ends when one who ends it leaves. */
export class Conference {
  readonly participants = new Set<Participant>();
  started = false;

  constructor(
    readonly name: string,
    private readonly empty: () => void,
  ) {}

  join(participant: Participant): void {
    for (const other of this.participants) other.leg.hear('conference-join', { conference: this.name, callSid: participant.leg.sid });
    this.participants.add(participant);
    if (!this.started && participant.startConferenceOnEnter) {
      this.started = true;
      for (const member of this.participants) member.leg.hear('conference-start', { conference: this.name, participants: this.participants.size });
    } else if (!this.started) {
      participant.leg.hear('conference-wait', { conference: this.name });
    }
  }

  leave(participant: Participant): void {
    if (!this.participants.delete(participant)) return;
    for (const other of this.participants) other.leg.hear('conference-leave', { conference: this.name, callSid: participant.leg.sid });
    if (participant.endConferenceOnExit && this.started) {
      for (const other of [...this.participants]) {
        this.participants.delete(other);
        other.leg.hear('conference-end', { conference: this.name });
        other.removed();
      }
    }
    if (this.participants.size === 0) this.empty();
  }
}

/** Conference rooms by account and name, made when the first participant dials in. */
export class ConferenceRooms {
  private readonly rooms = new Map<string, Conference>();

  room(accountSid: string, name: string): Conference {
    const key = `${accountSid}/${name}`;
    let room = this.rooms.get(key);
    if (!room) this.rooms.set(key, (room = new Conference(name, () => this.rooms.delete(key))));
    return room;
  }
}
