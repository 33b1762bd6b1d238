package io.invitations.memory;

import io.invitations.invitation.Invitation;
import io.invitations.registry.DeviceRegistration;
import io.invitations.registry.Registration;
import io.invitations.store.DeviceRegistry;
import io.invitations.store.InvitationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The invitations, device-registry and profiles tables in memory, with the DynamoDB stores' semantics: a create
 * puts (replaces) the invitation and its allowance item; binding a device is one transaction (allowance under
 * its limit, open and transfer-rule-true; device and profile items new), refused with the DynamoDB store's
 * reasons; a revocation first closes the allowance (an update: it creates the item when absent), then removes
 * the devices one by one; an External Id is claimed and its holder created in one step.
 */
public final class InMemoryInvitations implements InvitationStore, DeviceRegistry {
    private final Map<String, StoredInvitation> invitations = new LinkedHashMap<>();
    private final Map<String, Allowance> allowances = new HashMap<>();
    private final Map<String, Map<String, DeviceRegistration>> devices = new HashMap<>();
    private final Set<String> profiles = new HashSet<>();
    /** External Id claims: scope (the parent token) and id to the holder's token. */
    private final Map<String, String> claims = new HashMap<>();

    /** The allowance item of an invitation (maxDevices null: created by a revocation's update alone). */
    private static final class Allowance {
        Integer maxDevices;
        int boundDevices;
        String holderName;
        boolean revoked;
    }

    @Override
    public synchronized void createAll(List<Invitation> created) {
        for (Invitation invitation : created) {
            invitations.put(invitation.token(), new StoredInvitation(invitation, false, ""));
            allowances.put(invitation.token(), newAllowance(invitation));
        }
    }

    /** An invitation's allowance as created: its MaxDevices, none bound yet. */
    private static Allowance newAllowance(Invitation invitation) {
        Allowance allowance = new Allowance();
        allowance.maxDevices = invitation.maxDevices();
        return allowance;
    }

    @Override
    public synchronized void createMissing(List<Invitation> created) {
        for (Invitation invitation : created) {
            invitations.putIfAbsent(invitation.token(), new StoredInvitation(invitation, false, ""));
            allowances.computeIfAbsent(invitation.token(), token -> newAllowance(invitation));
        }
    }

    @Override
    public synchronized Optional<StoredInvitation> createHolding(Invitation invitation, String externalId,
                                                                 Instant now) {
        if (invitations.containsKey(invitation.token())) {
            // An earlier attempt at this row created it: still the row's answer, its id passed on since or not.
            allowances.computeIfAbsent(invitation.token(), token -> newAllowance(invitation));
            return Optional.empty();
        }
        String claim = invitation.parentToken() + "\n" + externalId;
        String holder = claims.get(claim);
        if (holder != null && !holder.equals(invitation.token())) {
            Optional<StoredInvitation> active = find(holder).filter(stored -> stored.isActiveAt(now));
            if (active.isPresent()) {
                return active;
            }
        }
        claims.put(claim, invitation.token());
        invitations.putIfAbsent(invitation.token(), new StoredInvitation(invitation, false, externalId));
        allowances.computeIfAbsent(invitation.token(), token -> newAllowance(invitation));
        return Optional.empty();
    }

    @Override
    public synchronized Optional<StoredInvitation> find(String token) {
        return Optional.ofNullable(invitations.get(token));
    }

    @Override
    public synchronized void deleteAll(List<String> tokens) {
        for (String token : tokens) {
            invitations.remove(token);
            allowances.remove(token);
        }
    }

    @Override
    public synchronized boolean markRevoked(String token, Instant at) {
        StoredInvitation stored = invitations.get(token);
        if (stored == null) {
            return false;
        }
        invitations.put(token, new StoredInvitation(stored.invitation(), true, stored.externalId()));
        return true;
    }

    @Override
    public void forEach(Consumer<StoredInvitation> visitor) {
        List<StoredInvitation> all;
        synchronized (this) {
            all = new ArrayList<>(invitations.values());
        }
        all.forEach(visitor);
    }

    @Override
    public synchronized Registration register(Invitation invitation, String deviceId, String profileName, Instant at) {
        String token = invitation.token();
        DeviceRegistration bound = devices.getOrDefault(token, Map.of()).get(deviceId);
        if (bound != null) {
            return profileName.equals(bound.profileName()) ? Registration.ALREADY_REGISTERED
                    : Registration.DEVICE_HOLDS_OTHER_NAME;
        }
        Allowance allowance = allowances.get(token);
        if (allowance == null || allowance.maxDevices == null) {
            return allowance == null ? Registration.UNKNOWN : Registration.REVOKED;
        }
        if (allowance.revoked) {
            return Registration.REVOKED;
        }
        if (!invitation.transferable() && allowance.holderName != null && !allowance.holderName.equals(profileName)) {
            return Registration.NOT_TRANSFERABLE;
        }
        if (allowance.boundDevices >= allowance.maxDevices) {
            return Registration.LIMIT_REACHED;
        }
        if (profiles.contains(deviceId + "\n" + profileName)) {
            return Registration.PROFILE_NAME_IN_USE;
        }
        allowance.boundDevices++;
        if (allowance.holderName == null) {
            allowance.holderName = profileName;
        }
        devices.computeIfAbsent(token, t -> new LinkedHashMap<>())
                .put(deviceId, new DeviceRegistration(token, deviceId, profileName, at));
        profiles.add(deviceId + "\n" + profileName);
        return Registration.REGISTERED;
    }

    /** Invitations bound to more devices than their MaxDevices allows: none, ever. */
    public synchronized List<String> overLimit() {
        List<String> over = new ArrayList<>();
        devices.forEach((token, bound) -> {
            StoredInvitation stored = invitations.get(token);
            if (stored != null && stored.invitation().deviceBound() && bound.size() > stored.invitation().maxDevices()) {
                over.add(token);
            }
        });
        return over;
    }

    @Override
    public synchronized List<DeviceRegistration> devicesOf(String token) {
        return List.copyOf(devices.getOrDefault(token, Map.of()).values());
    }

    @Override
    public synchronized int deregisterAll(String token, Instant at) {
        Allowance allowance = allowances.computeIfAbsent(token, t -> new Allowance());
        allowance.revoked = true;
        allowance.boundDevices = 0;
        Map<String, DeviceRegistration> removed = devices.remove(token);
        if (removed == null) {
            return 0;
        }
        removed.values().forEach(d -> profiles.remove(d.deviceId() + "\n" + d.profileName()));
        return removed.size();
    }
}
