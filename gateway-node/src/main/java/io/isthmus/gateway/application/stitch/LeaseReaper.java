package io.isthmus.gateway.application.stitch;

import io.isthmus.gateway.domain.shared.GatewayId;

/**
 * One run of the gateway's periodic reaper: releases holds that expired without a commit and tears down bookings past
 * their window. A failure (a command, the database) is logged with its cause and the run ends; the next run retries,
 * so a scheduled reaper never stops for good.
 */
public final class LeaseReaper implements Runnable {

    private static final System.Logger LOG = System.getLogger(LeaseReaper.class.getName());

    private final GatewayId gateway;
    private final StitchService service;

    public LeaseReaper(GatewayId gateway, StitchService service) {
        this.gateway = gateway;
        this.service = service;
    }

    @Override
    public void run() {
        try {
            service.reapExpiredHolds();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "gateway " + gateway + ": releasing expired holds failed; the next"
                    + " reaper run retries", e);
        }
        try {
            service.tearDownPastWindows();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "gateway " + gateway + ": tearing down bookings past their window"
                    + " failed; the next reaper run retries", e);
        }
    }
}
