// One private endpoint for one sub-resource (blob, queue, table, vault) of a resource, registered in the
// private DNS zone that resolves its host name inside the virtual network.

@description('Name of the private endpoint.')
param name string

@description('Location of the private endpoint (the virtual network\'s).')
param location string

@description('Tags applied to the private endpoint.')
param tags object

@description('Resource id of the subnet the endpoint gets its address from.')
param subnetId string

@description('Resource id of the storage account or vault.')
param targetResourceId string

@description('Sub-resource the endpoint serves: blob, queue, table or vault.')
@allowed([
  'blob'
  'queue'
  'table'
  'vault'
])
param groupId string

@description('Resource id of the private DNS zone for that sub-resource.')
param privateDnsZoneId string

resource endpoint 'Microsoft.Network/privateEndpoints@2024-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: targetResourceId
          groupIds: [
            groupId
          ]
        }
      }
    ]
  }
}

resource dnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-07-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: groupId
        properties: {
          privateDnsZoneId: privateDnsZoneId
        }
      }
    ]
  }
}

@description('Resource id of the private endpoint.')
output id string = endpoint.id
