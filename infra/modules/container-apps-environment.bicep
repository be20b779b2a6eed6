// Container Apps environment on the Consumption workload profile (pay per use, scale to zero). Logs go
// to Azure Monitor and from there to Log Analytics through a diagnostic setting, because the workspace
// has local (shared key) authentication disabled.

@description('Name of the environment.')
param name string

@description('Location of the environment.')
param location string

@description('Tags applied to the environment.')
param tags object

@description('Resource id of the Log Analytics workspace that receives the app and system logs.')
param logAnalyticsWorkspaceId string

@description('Subnet to run the environment in (private networking); empty for the platform-managed network.')
param infrastructureSubnetId string = ''

resource environment 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    vnetConfiguration: empty(infrastructureSubnetId)
      ? null
      : {
          infrastructureSubnetId: infrastructureSubnetId
          // The app stays reachable from the internet (approvers follow links from email, Teams calls the
          // bot endpoint); only its back ends (storage, Key Vault) are private.
          internal: false
        }
    zoneRedundant: false
  }
}

resource environmentLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: environment
  name: 'logs-to-log-analytics'
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('Resource id of the environment.')
output id string = environment.id

@description('Name of the environment.')
output name string = environment.name

@description('Default domain of the environment: an app with external ingress is https://{app name}.{default domain}.')
output defaultDomain string = environment.properties.defaultDomain
