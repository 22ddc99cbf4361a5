// Booking-site card form: Stripe.js (or a local stand-in serving the same API) mounts the card
// field and confirms a SetupIntent directly with Stripe; only the payment-method id comes back
// to our server. Card numbers never pass through this site. `authenticate` runs the bank's
// 3-D Secure step for a PaymentIntent the server confirmed.
window.gjCard = {
  _load(jsUrl) {
    if (window.Stripe) return Promise.resolve();
    if (!this._loading) {
      this._loading = new Promise((resolve, reject) => {
        const s = document.createElement("script");
        s.src = jsUrl;
        s.onload = resolve;
        s.onerror = () => reject(new Error("The payment form could not load."));
        document.head.appendChild(s);
      });
    }
    return this._loading;
  },
  async mount(jsUrl, publishableKey, selector) {
    await this._load(jsUrl);
    let target = document.querySelector(selector);
    // The field may render just after the state update that asked for it.
    for (let i = 0; !target && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      target = document.querySelector(selector);
    }
    if (!target) return "no-target";
    if (this._element && target.childElementCount) return "mounted";
    if (this._element) this._element.destroy && this._element.destroy();
    this._stripe = window.Stripe(publishableKey);
    this._element = this._stripe.elements().create("card");
    this._element.mount(target);
    return "mounted";
  },
  async confirm(clientSecret, name) {
    if (!this._stripe || !this._element) return {error: "The card form is not ready."};
    const result = await this._stripe.confirmCardSetup(clientSecret, {
      payment_method: {card: this._element, billing_details: {name: name}},
    });
    if (result.error) {
      const e = result.error;
      return {error: (e && (e.message || e.code)) || "The card was declined."};
    }
    const pm = result.setupIntent && result.setupIntent.payment_method;
    return pm ? {pm: typeof pm === "string" ? pm : pm.id} : {error: "The card was not accepted."};
  },
  // 3-D Secure: our server confirmed the PaymentIntent and the bank wants the guest to
  // authenticate. Stripe.js shows the bank's step; the server then asks Stripe how it went
  // (what we return here is only a hint, never trusted).
  async authenticate(clientSecret) {
    if (!this._stripe) return {error: "The card form is not ready."};
    const s = this._stripe;
    let result;
    try {
      result = s.handleNextAction ? await s.handleNextAction({clientSecret: clientSecret})
        : s.handleCardAction ? await s.handleCardAction(clientSecret)
        : await s.confirmCardPayment(clientSecret);
    } catch (err) {
      return {error: String((err && err.message) || err)};
    }
    if (result && result.error) {
      const e = result.error;
      return {error: (e && (e.message || e.code)) || "The card was not confirmed."};
    }
    return {status: (result && result.paymentIntent && result.paymentIntent.status) || ""};
  },
};
