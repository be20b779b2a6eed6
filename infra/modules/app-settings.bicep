// The configuration shared by the app and the timer wake-up job (same image, same settings, same
// identity), defined once and imported at compile time by both modules. Setting names follow the
// host's configuration sections (a double underscore separates sections).

@export()
@description('An environment variable of a container: a value or a reference to a secret.')
type environmentVariable = resourceInput<'Microsoft.App/containerApps@2025-07-01'>.properties.template.containers[*].env[*]

@export()
@description('A secret of a container app or job; here always a Key Vault reference.')
type secret = resourceInput<'Microsoft.App/containerApps@2025-07-01'>.properties.configuration.secrets[*]

@export()
@description('An Entra ID group whose members hold a domain role for a scope (Workflows:Directory:GroupRoles).')
type directoryGroupRole = {
  @description('Object id of the Entra ID group.')
  groupId: string

  @description('Domain role its members hold, e.g. programmeCoordinator.')
  role: string

  @description('Facility, Region, Central or Organisation.')
  level: ('Facility' | 'Region' | 'Central' | 'Organisation')

  @description('Facility, region or organisation id; omitted for Central.')
  scopeId: string?
}

@export()
@description('Values the app\'s environment settings are built from.')
type appSettings = {
  @description('Client id of the user-assigned managed identity (AZURE_CLIENT_ID, used by DefaultAzureCredential).')
  identityClientId: string

  @description('Storage account of the engine and the domain; reached with the identity, never with keys.')
  storageAccountName: string

  @description('Task hub of the durable engine.')
  taskHub: string

  @description('Number of engine partitions (control queues).')
  partitionCount: int

  @description('Public base URL of the app, used to build links in emails.')
  publicBaseUrl: string

  @description('Notification channel: Graph (real email) or Outbox (development outbox).')
  notificationsChannel: string

  @description('Mailbox the Graph channel sends from.')
  graphSenderMailbox: string

  @description('App id of the Teams bot; empty when there is no bot.')
  teamsBotAppId: string

  @description('Tenant of the (single-tenant) Teams bot registration; the bot gets its Bot Connector tokens there.')
  teamsBotTenantId: string

  @description('Entra ID authority host (AzureAd:Instance).')
  signInInstance: string

  @description('Tenant of the sign-in app registration.')
  signInTenantId: string

  @description('Client id of the sign-in app registration.')
  signInClientId: string

  @description('Entra ID groups mapped to domain roles and scopes by the Graph directory.')
  directoryGroupRoles: directoryGroupRole[]

  @description('Object id of the group of women staff (safeguard 7); empty when not set yet.')
  womenStaffGroupId: string

  @description('True once the audit chain key has been rotated: the retired keys come from their vault secret.')
  auditChainKeyRotated: bool

  @description('True while a next audit chain key is staged: it comes from its vault secret.')
  auditChainNextKeyStaged: bool
}

@export()
@description('Names of the Key Vault secrets the app references: the Teams bot password only with a bot, the retired and next audit chain keys only around a rotation.')
func secretNames(settings appSettings) string[] =>
  concat(
    ['approval-link-signing-key', 'audit-chain-key', 'entra-client-secret'],
    settings.auditChainKeyRotated ? ['audit-chain-retired-keys'] : [],
    settings.auditChainNextKeyStaged ? ['audit-chain-next-key'] : [],
    empty(settings.teamsBotAppId) ? [] : ['teams-bot-password']
  )

@export()
@description('Container Apps secrets that are references to Key Vault secrets, resolved with the managed identity.')
func keyVaultSecretReferences(vaultUri string, identityId string, settings appSettings) secret[] =>
  map(secretNames(settings), secretName => {
    name: secretName
    keyVaultUrl: '${vaultUri}secrets/${secretName}'
    identity: identityId
  })

@export()
@description('Environment variables of the app container (and of the timer job, which runs the same image).')
func containerEnvironment(settings appSettings, applicationInsightsConnectionString string) environmentVariable[] =>
  concat(
    [
      { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
      { name: 'AZURE_CLIENT_ID', value: settings.identityClientId }
      { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
      { name: 'Workflows__Storage__AccountName', value: settings.storageAccountName }
      { name: 'Workflows__Storage__TaskHub', value: settings.taskHub }
      { name: 'Workflows__Engine__PartitionCount', value: string(settings.partitionCount) }
      { name: 'Workflows__PublicBaseUrl', value: settings.publicBaseUrl }
      { name: 'Workflows__ApprovalLinks__SigningKey', secretRef: 'approval-link-signing-key' }
      { name: 'Workflows__Audit__ChainKey', secretRef: 'audit-chain-key' }
      { name: 'Workflows__Notifications__Channel', value: settings.notificationsChannel }
      { name: 'Workflows__Graph__SenderMailbox', value: settings.graphSenderMailbox }
      { name: 'Workflows__Directory__Source', value: 'Graph' }
      { name: 'AzureAd__Instance', value: settings.signInInstance }
      { name: 'AzureAd__TenantId', value: settings.signInTenantId }
      { name: 'AzureAd__ClientId', value: settings.signInClientId }
      { name: 'AzureAd__ClientSecret', secretRef: 'entra-client-secret' }
    ],
    // Kept in the deployment, not set by hand on the app: the next `azd provision` replaces the whole environment.
    flatten(map(range(0, length(settings.directoryGroupRoles)), i => [
      { name: 'Workflows__Directory__GroupRoles__${i}__GroupId', value: settings.directoryGroupRoles[i].groupId }
      { name: 'Workflows__Directory__GroupRoles__${i}__Role', value: settings.directoryGroupRoles[i].role }
      { name: 'Workflows__Directory__GroupRoles__${i}__Level', value: settings.directoryGroupRoles[i].level }
      { name: 'Workflows__Directory__GroupRoles__${i}__ScopeId', value: settings.directoryGroupRoles[i].?scopeId ?? '' }
    ])),
    empty(settings.womenStaffGroupId) ? [] : [{ name: 'Workflows__Directory__WomenStaffGroupId', value: settings.womenStaffGroupId }],
    settings.auditChainKeyRotated ? [{ name: 'Workflows__Audit__RetiredChainKeys', secretRef: 'audit-chain-retired-keys' }] : [],
    settings.auditChainNextKeyStaged ? [{ name: 'Workflows__Audit__NextChainKey', secretRef: 'audit-chain-next-key' }] : [],
    empty(settings.teamsBotAppId)
      ? []
      : [
          { name: 'Workflows__Teams__BotAppId', value: settings.teamsBotAppId }
          { name: 'Workflows__Teams__BotTenantId', value: settings.teamsBotTenantId }
          { name: 'Workflows__Teams__BotAppPassword', secretRef: 'teams-bot-password' }
        ]
  )
