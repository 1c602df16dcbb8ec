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
  OAuthScope,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
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
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ROUTES, type Group } from '../shared/manifest.js';
import { INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../shared/store/table-design.js';
import { InboundMail, inboundAddressOf } from './constructs/inbound-mail.js';
import { acknowledge } from './nag.js';
import type { StageConfig } from './stage-config.js';

/** Every group some route admits, in a stable order: these are the Cognito groups. */
export function groupsFromRoutes(): Group[] {
  const groups = new Set<Group>();
  for (const route of ROUTES) if (route.auth !== 'public') for (const g of route.auth) groups.add(g);
  return [...groups].sort();
}

/**
 * SES publishes these to the default bus: `ses-events` records the bounces and complaints (the rule forwards only
 * those); the sends are there for the operator (every email the hotline sent, by configuration set: an email flood
 * is visible per recipient domain and tag, next to the SES Send volume alarm; issue 11).
 */
export const SES_EVENTS = [EmailSendingEvent.SEND, EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT];

export interface StatefulStackProps extends StackProps {
  config: StageConfig;
}

export class StatefulStack extends Stack {
  readonly config: StageConfig;
  readonly table: Table;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  /** the console's app client (managed login, authorization code + PKCE) and its login domain */
  readonly consoleClient: UserPoolClient;
  readonly consoleDomain: UserPoolDomain;
  readonly groups: Group[];
  readonly emailIdentity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly resultsApiKey: Secret;
  /** signs status-page links and ALTCHA challenges (shared/adapters/secrets.ts); outlives deploys, so links keep working */
  readonly hotlineSecret: Secret;
  /** SES receiving (contract §9): the mail bucket and the receipt rule set */
  readonly inboundMail: InboundMail;

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
      'No self sign-up: a few dozen admin-created accounts, all with required TOTP MFA. The Plus plan ' +
        '(threat protection) is billed per user with little to add here; switch featurePlan to PLUS if the ' +
        'user base grows.',
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

    // The console's app client (web/console, issue 12): the managed login (hosted UI) with authorization code +
    // PKCE — a public client, no secret — so the pool's required TOTP MFA and first-sign-in password change happen
    // there. The console sends the ID token (email, name, locale); the API's JWT authorizer accepts this client id too.
    this.consoleClient = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: `${config.prefix}-console`,
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: config.console.callbackUrls,
        logoutUrls: config.console.logoutUrls,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
    this.consoleDomain = this.userPool.addDomain('ConsoleLoginDomain', {
      cognitoDomain: { domainPrefix: config.console.authDomainPrefix },
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

    // ---- The results service's API key ---------------------------------------------------------
    // Created with a random placeholder; an operator puts the federation's key in it once (README-deploy).
    // Functions with `resultsApi` in the manifest read it once per cold start.
    this.resultsApiKey = new Secret(this, 'ResultsApiKey', {
      secretName: `${config.prefix}/results-api-key`,
      description: 'API key of the federation results service (Torneopal Taso REST): the key itself, or JSON {"apiKey": "…"}',
      removalPolicy: config.removalPolicy,
    });
    acknowledge(
      this.resultsApiKey,
      'AwsSolutions-SMG4',
      "The key is issued by the federation's results-service vendor; we cannot rotate it ourselves. It is " +
        'replaced by hand when the vendor issues a new one (infra/README-deploy.md).',
    );

    // ---- Outputs -------------------------------------------------------------------------------
    this.hotlineSecret = new Secret(this, 'HotlineSecret', {
      description: 'Results hotline: key of the status-page links in reporter emails and of the ALTCHA challenges',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: config.removalPolicy,
    });
    acknowledge(
      this.hotlineSecret,
      'AwsSolutions-SMG4',
      'Rotating this key would break every status link already emailed to reporters (they must work 30 ' +
        'days after resolution); rotate by hand when it may have leaked.',
    );

    this.inboundMail = new InboundMail(this, 'InboundMail', {
      prefix: config.prefix,
      inboundAddress: inboundAddressOf(this, config.senderAddress),
      removalPolicy: config.removalPolicy,
    });
    new CfnOutput(this, 'InboundRuleSet', {
      description: 'Activate once: aws ses set-active-receipt-rule-set --rule-set-name <this>',
      value: this.inboundMail.ruleSet.receiptRuleSetName,
    });
    new CfnOutput(this, 'InboundAddress', { value: inboundAddressOf(this, config.senderAddress) });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'ConsoleClientId', { value: this.consoleClient.userPoolClientId });
    new CfnOutput(this, 'ConsoleLoginDomain', { value: `${config.console.authDomainPrefix}.auth.${this.region}.amazoncognito.com` });
    new CfnOutput(this, 'ConsoleConfigJson', {
      description: 'Upload as /console/config.json next to the console (infra/README-deploy.md, "The console")',
      value: Stack.of(this).toJsonString({
        auth: 'cognito',
        domain: `${config.console.authDomainPrefix}.auth.${this.region}.amazoncognito.com`,
        clientId: this.consoleClient.userPoolClientId,
        redirectUri: config.console.callbackUrls[0],
        logoutUri: config.console.logoutUrls[0],
      }),
    });
    new CfnOutput(this, 'SesConfigurationSet', { value: config.sesConfigurationSetName });
    new CfnOutput(this, 'ResultsApiKeySecret', {
      value: this.resultsApiKey.secretName,
      description: 'Put the results service API key here (aws secretsmanager put-secret-value)',
    });
    this.emailIdentity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, {
        description: `DKIM CNAME ${i + 1} of 3 for ${config.senderDomain}: publish it in DNS`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
  }
}
