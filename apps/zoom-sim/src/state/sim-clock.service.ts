import { Injectable } from '@nestjs/common';

/** The simulator's time source; tests replace it to pin rate windows and the daily reset. */
@Injectable()
export class SimClock {
  now(): number {
    return Date.now();
  }
}
