// Private networking (only deployed when privateNetworking is on): a virtual network with a subnet for
// the Container Apps environment and one for private endpoints, and the private DNS zones that make
// the storage and Key Vault host names resolve to those endpoints inside the network.

@description('Name of the virtual network.')
param name string

@description('Location of the virtual network.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Address space of the virtual network.')
param addressPrefix string = '10.40.0.0/16'

@description('Name of the Container Apps environment\'s subnet.')
param containerAppsSubnetName string

@description('Name of the private endpoints\' subnet.')
param privateEndpointsSubnetName string

@description('Subnet of the Container Apps environment (at least /27, delegated to Microsoft.App/environments).')
param containerAppsSubnetPrefix string = '10.40.0.0/23'

@description('Subnet of the private endpoints.')
param privateEndpointsSubnetPrefix string = '10.40.2.0/24'


// Zone names derived from the cloud's own suffixes (privatelink.blob.core.windows.net in Azure public),
// in the order of the zoneIds output.
var zoneNames = [
  'privatelink.blob.${environment().suffixes.storage}'
  'privatelink.queue.${environment().suffixes.storage}'
  'privatelink.table.${environment().suffixes.storage}'
  'privatelink${replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.')}'
]

resource vnet 'Microsoft.Network/virtualNetworks@2024-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: containerAppsSubnetName
        properties: {
          addressPrefix: containerAppsSubnetPrefix
          delegations: [
            {
              name: 'container-apps'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: privateEndpointsSubnetName
        properties: {
          addressPrefix: privateEndpointsSubnetPrefix
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zoneName in zoneNames: {
    name: zoneName
    location: 'global'
    tags: tags
  }
]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zoneName, i) in zoneNames: {
    parent: zones[i]
    name: vnet.name
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
]

@description('Resource id of the virtual network.')
output id string = vnet.id

@description('Resource id of the Container Apps environment\'s subnet.')
output containerAppsSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, containerAppsSubnetName)

@description('Resource id of the private endpoints\' subnet.')
output privateEndpointsSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, privateEndpointsSubnetName)

@description('Resource ids of the private DNS zones, by service (blob, queue, table, vault).')
output zoneIds object = {
  blob: zones[0].id
  queue: zones[1].id
  table: zones[2].id
  vault: zones[3].id
}
