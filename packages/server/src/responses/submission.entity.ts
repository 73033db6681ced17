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

  /** See common/idempotency.ts: 1 for a legacy SHA-256, 2 for a keyed HMAC of the normalised batch. */
  @Column({ type: 'smallint' })
  payloadHashVersion!: number;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
