// Everything of call handling that belongs to the shell rather than one section: the ACD's notices, red-flag alerts, the call bar, the ringing offer and its alerts, callback booking.
import { CallbackBookingDialog } from '../callbacks/CallbackBookingDialog';
import { PresenceNotice } from '../presence/PresenceNotice';
import { ActiveCallBar } from './ActiveCallBar';
import { CallOfferCard } from './CallOfferCard';
import { CallsRuntime } from './CallsRuntime';
import { OfferAlerts } from '../offerAlerts/OfferAlerts';
import { RedFlagAlertBanner } from './RedFlagAlertBanner';

export function CallHandlingBars() {
  return (
    <>
      <CallsRuntime />
      <OfferAlerts />
      <PresenceNotice />
      <RedFlagAlertBanner />
      <ActiveCallBar />
      <CallOfferCard />
      <CallbackBookingDialog />
    </>
  );
}
