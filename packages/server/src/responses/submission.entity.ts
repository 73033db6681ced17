import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One accepted `submitResponses` batch, keyed for idempotency. */
@Entity('submissions')
export class Submission {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  idempotencyScope!: string;

  @Column({ type: 'text' })
  idempotencyKey!: string;

  @Column({ type: 'bytea' })
  payloadHash!: Buffer;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
