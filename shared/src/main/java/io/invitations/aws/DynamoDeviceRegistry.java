package io.invitations.aws;

import static io.invitations.aws.Attributes.bool;
import static io.invitations.aws.Attributes.n;
import static io.invitations.aws.Attributes.s;

import io.invitations.invitation.Invitation;
import io.invitations.registry.DeviceRegistration;
import io.invitations.registry.Registration;
import io.invitations.store.DeviceRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The device registry table: per invitation, the allowance item ({@code device = #allowance}: MaxDevices,
 * devices bound, the holder's profile name, revoked) and one item per bound device; plus the profiles table
 * (one item per device and profile name). A registration is one transaction over the three, so the limit,
 * the transfer rule and profile-name uniqueness hold under any number of concurrent accepts.
 */
public final class DynamoDeviceRegistry implements DeviceRegistry {
    private static final String TOKEN = RegistryItems.TOKEN;
    private static final String DEVICE = RegistryItems.DEVICE;
    private static final String ALLOWANCE = RegistryItems.ALLOWANCE;
    private static final String PROFILE = RegistryItems.PROFILE;

    private final DynamoDbClient dynamo;
    private final String registryTable;
    private final String profilesTable;

    public DynamoDeviceRegistry(DynamoDbClient dynamo, String registryTable, String profilesTable) {
        this.dynamo = dynamo;
        this.registryTable = registryTable;
        this.profilesTable = profilesTable;
    }

    @Override
    public Registration register(Invitation invitation, String deviceId, String profileName, Instant at) {
        // The transaction first: a device's first accept (the usual row) is one call. Only when a condition refuses
        // it is the device's item read, since a device already bound (a redelivery, an accept file run again)
        // answers by its own name whatever else the transaction found.
        for (int attempt = 0; ; attempt++) {
            try {
                dynamo.transactWriteItems(registration(invitation, deviceId, profileName, at));
                return Registration.REGISTERED;
            } catch (TransactionCanceledException e) {
                List<String> reasons = e.cancellationReasons().stream().map(CancellationReason::code).toList();
                if (reasons.contains("TransactionConflict") && attempt + 1 < Backoff.MAX_ATTEMPTS) {
                    Backoff.pause(attempt);
                    continue;
                }
                if (!reasons.contains("ConditionalCheckFailed")) {
                    throw e;
                }
                Map<String, AttributeValue> bound = get(registryTable, RegistryItems.key(invitation.token(), deviceId));
                if (!bound.isEmpty()) {
                    return profileName.equals(Attributes.string(bound, PROFILE)) ? Registration.ALREADY_REGISTERED
                            : Registration.DEVICE_HOLDS_OTHER_NAME;
                }
                if ("ConditionalCheckFailed".equals(reasons.get(0))) {
                    return whyRefused(invitation, profileName);
                }
                if ("ConditionalCheckFailed".equals(reasons.get(2))) {
                    return Registration.PROFILE_NAME_IN_USE;
                }
                // The device was bound when the transaction ran and is gone now (revoked meanwhile): try again.
            }
        }
    }

    private TransactWriteItemsRequest registration(Invitation invitation, String deviceId, String profileName,
                                                   Instant at) {
        // Non-transferable: the first profile name to accept it becomes its holder's, and only that name may
        // accept it again (on the holder's other devices).
        String transferRule = invitation.transferable() ? ""
                : " AND (attribute_not_exists(holderName) OR holderName = :profile)";
        Update allowance = Update.builder().tableName(registryTable).key(RegistryItems.allowanceKey(invitation.token()))
                .updateExpression("SET boundDevices = boundDevices + :one, "
                        + "holderName = if_not_exists(holderName, :profile)")
                .conditionExpression("attribute_exists(#token) AND attribute_not_exists(revoked) "
                        + "AND boundDevices < maxDevices" + transferRule)
                .expressionAttributeNames(Map.of("#token", TOKEN))
                .expressionAttributeValues(Map.of(":one", n(1), ":profile", s(profileName)))
                .build();
        Map<String, AttributeValue> device = new HashMap<>(RegistryItems.key(invitation.token(), deviceId));
        device.put(PROFILE, s(profileName));
        device.put(RegistryItems.REGISTERED_AT, s(at.toString()));
        device.put("expiresAt", Attributes.ttl(invitation.expires().plus(RegistryItems.KEEP_AFTER_EXPIRY)));
        // The profile holds the invitation it was accepted from, under the invitations table's attribute names.
        Map<String, AttributeValue> profile = InvitationItems.attributes(invitation);
        profile.put(DEVICE, s(deviceId));
        profile.put(PROFILE, s(profileName));
        profile.put("acceptedAt", s(at.toString()));
        return TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().update(allowance).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(registryTable).item(device)
                        .conditionExpression("attribute_not_exists(#token)")
                        .expressionAttributeNames(Map.of("#token", TOKEN)).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(profilesTable).item(profile)
                        .conditionExpression("attribute_not_exists(#device)")
                        .expressionAttributeNames(Map.of("#device", DEVICE)).build()).build())
                .build();
    }

    /** Reads the allowance to tell the admin which rule refused the device. */
    private Registration whyRefused(Invitation invitation, String profileName) {
        Map<String, AttributeValue> allowance = get(registryTable, RegistryItems.allowanceKey(invitation.token()));
        if (allowance.isEmpty()) {
            return Registration.UNKNOWN;
        }
        if (Attributes.flag(allowance, "revoked")) {
            return Registration.REVOKED;
        }
        String holder = Attributes.string(allowance, "holderName");
        if (!invitation.transferable() && holder != null && !holder.equals(profileName)) {
            return Registration.NOT_TRANSFERABLE;
        }
        return Registration.LIMIT_REACHED;
    }

    @Override
    public List<DeviceRegistration> devicesOf(String token) {
        List<DeviceRegistration> devices = new ArrayList<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(registryTable).consistentRead(true)
                        .keyConditionExpression("#token = :token")
                        .expressionAttributeNames(Map.of("#token", TOKEN))
                        .expressionAttributeValues(Map.of(":token", s(token))).build())
                .items().forEach(item -> {
                    String device = item.get(DEVICE).s();
                    if (!device.equals(ALLOWANCE)) {
                        devices.add(new DeviceRegistration(token, device, Attributes.string(item, PROFILE),
                                Attributes.instant(item, RegistryItems.REGISTERED_AT)));
                    }
                });
        return devices;
    }

    @Override
    public int deregisterAll(String token, Instant at) {
        // Close the allowance first, so that no accept can bind a device while the others are removed.
        dynamo.updateItem(b -> b.tableName(registryTable).key(RegistryItems.allowanceKey(token))
                .updateExpression("SET revoked = :yes, revokedAt = if_not_exists(revokedAt, :at), boundDevices = :zero")
                .expressionAttributeValues(Map.of(":yes", bool(true), ":at", s(at.toString()), ":zero", n(0))));
        List<DeviceRegistration> devices = devicesOf(token);
        for (DeviceRegistration device : devices) {
            dynamo.deleteItem(b -> b.tableName(registryTable).key(RegistryItems.key(token, device.deviceId())));
            dynamo.deleteItem(b -> b.tableName(profilesTable).key(Map.of(DEVICE, s(device.deviceId()),
                    PROFILE, s(device.profileName()))));
        }
        return devices.size();
    }

    private Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }
}
