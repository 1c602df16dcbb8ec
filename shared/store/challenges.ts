/** Used proof-of-work challenges (ALTCHA#<signature> / ALTCHA), kept until the challenge expires (TTL). */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { epochSeconds, StoreCore } from './core.js';
import { ITEMS } from './items.js';
import { TTL_ATTRIBUTE } from './table-design.js';

export class ChallengeStore extends StoreCore {
  /** Marks a challenge used; false when it was used before (a replay). Exactly one of concurrent uses wins. */
  async useChallenge(signature: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...ITEMS.challenge.key({ signature }), [TTL_ATTRIBUTE]: epochSeconds(expiresAt) + 60 },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }
}
