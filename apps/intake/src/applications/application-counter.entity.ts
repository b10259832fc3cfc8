import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last sequence number given out on each day, per number prefix. */
@Entity({ name: 'application_counter' })
export class ApplicationCounter {
  @PrimaryColumn({ type: 'text' })
  prefix!: string;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ name: 'last_value', type: 'integer' })
  lastValue!: number;
}
