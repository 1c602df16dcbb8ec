/**
 * Stateful stack: what holds data or identity and must outlive code deploys.
 * The DynamoDB table (from shared/store/table-design.ts), the Cognito user pool with the groups
 * the manifest's routes name, and the SES domain identity with its configuration set.
 *
 * SES bounce and complaint events go to the account's default EventBridge bus (the only bus SES
 * can publish to); the stateless stack's rule routes them to the `ses-events` function. That keeps
 * the cross-stack interface to plain names and ARNs: no topic or subscription spans the stacks.
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  UserPool,
  UserPoolClient,
  ClientAttributes,
} from 'aws-cdk-lib/aws-cognito';
import { EventBus } from 'aws-cdk-lib/aws-events';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { ROUTES, type Group } from '../shared/manifest.js';
import { INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../shared/store/table-design.js';
import { acknowledge } from './nag.js';
import type { StageConfig } from './stage-config.js';

/** Every group some route admits, in a stable order: these are the Cognito groups. */
export function groupsFromRoutes(): Group[] {
  const groups = new Set<Group>();
  for (const route of ROUTES) if (route.auth !== 'public') for (const g of route.auth) groups.add(g);
  return [...groups].sort();
}

/** SES publishes these to the default bus; `ses-events` records them. */
export const SES_EVENTS = [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT];

export interface StatefulStackProps extends StackProps {
  config: StageConfig;
}

export class StatefulStack extends Stack {
  readonly config: StageConfig;
  readonly table: Table;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly groups: Group[];
  readonly emailIdentity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.config = config;

    // ---- DynamoDB: the one table ------------------------------------------------------------
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: config.deletionProtection,
      removalPolicy: config.removalPolicy,
    });
    for (const index of Object.values(INDEXES)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    // ---- Cognito: staff, officials, admins ---------------------------------------------------
    // Accounts are created by an admin only. MFA is REQUIRED (TOTP, no SMS): every account can
    // read reporters' names, emails and phone numbers, so a password alone is not enough.
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `${config.prefix}-users`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // An email change takes effect only once the new address is verified (officials are scoped by it).
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: config.deletionProtection,
      removalPolicy: config.removalPolicy,
    });
    acknowledge(
      this.userPool,
      'AwsSolutions-COG8',
      'No self sign-up: a few dozen admin-created accounts, all with required TOTP MFA. The Plus plan (threat protection) is billed per user with little to add here; switch featurePlan to PLUS if the user base grows.',
    );

    this.groups = groupsFromRoutes();
    for (const group of this.groups) {
      this.userPool.addGroup(`Group-${group}`, {
        groupName: group,
        description: `Members may call the API routes open to group "${group}" (shared/manifest.ts)`,
      });
    }

    // The web client (a browser app: no secret). Tokens go to the HTTP API's JWT authorizer,
    // whose audience is this client id; groups arrive in the `cognito:groups` claim.
    this.userPoolClient = this.userPool.addClient('WebClient', {
      userPoolClientName: `${config.prefix}-web`,
      generateSecret: false,
      authFlows: { userSrp: true },
      // Users may not set their own email (or its verified flag) through the client: an admin does (contract §12).
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, locale: true }),
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    // ---- SES: domain identity + configuration set -------------------------------------------
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: config.sesConfigurationSetName,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      configurationSetEventDestinationName: 'default-event-bus',
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: SES_EVENTS,
    });

    this.emailIdentity = new EmailIdentity(this, 'SenderDomain', {
      identity: Identity.domain(config.senderDomain),
      configurationSet: this.configurationSet,
    });

    // ---- Outputs -------------------------------------------------------------------------------
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'SesConfigurationSet', { value: config.sesConfigurationSetName });
    this.emailIdentity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, {
        description: `DKIM CNAME ${i + 1} of 3 for ${config.senderDomain}: publish it in DNS`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
  }
}
