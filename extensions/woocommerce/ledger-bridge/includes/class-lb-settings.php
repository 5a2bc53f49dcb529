<?php
/**
 * WooCommerce › Settings › Ledger Bridge.
 *
 * @package LedgerBridge
 */

defined( 'ABSPATH' ) || exit;

/**
 * The settings tab: the app's address, the per-store secret, a Connect button that starts the
 * app's connect flow (wc-auth) and an "Open Ledger Bridge" button into the app's own pages
 * (accounting system, settings, transfers). The button goes through admin-post.php, so every
 * click signs a fresh single-use link at that moment; the app trades it for a session cookie
 * that is valid for this store only.
 */
class LB_Settings {

	const TAB          = 'ledger_bridge';
	const APP_URL      = 'ledger_bridge_app_url';
	const STORE_SECRET = 'ledger_bridge_store_secret';
	/** Seconds a settings link stays valid: long enough to click, too short to be worth stealing. */
	const LINK_TTL = 300;
	/** The admin-post.php action (and nonce action) of the "Open Ledger Bridge" button. */
	const OPEN_ACTION = 'ledger_bridge_open_app';

	/**
	 * Hooks the tab into WooCommerce settings.
	 */
	public function register() {
		add_filter( 'woocommerce_settings_tabs_array', array( $this, 'add_tab' ), 50 );
		add_action( 'woocommerce_settings_tabs_' . self::TAB, array( $this, 'render' ) );
		add_action( 'woocommerce_update_options_' . self::TAB, array( $this, 'save' ) );
		add_action( 'admin_post_' . self::OPEN_ACTION, array( $this, 'open_app' ) );
		// Exposed in WooCommerce's settings REST API (manage_woocommerce keys only), so the app can
		// hand over the app URL and store secret when the store connects: no copy and paste.
		add_filter( 'woocommerce_settings_groups', array( $this, 'add_rest_group' ) );
		add_filter( 'woocommerce_settings-' . self::TAB, array( $this, 'rest_settings' ) );
	}

	/**
	 * Registers the settings group of /wp-json/wc/v3/settings/ledger_bridge.
	 *
	 * @param array $groups Groups.
	 * @return array
	 */
	public function add_rest_group( $groups ) {
		$groups[] = array(
			'id'          => self::TAB,
			'label'       => __( 'Ledger Bridge', 'ledger-bridge' ),
			'description' => __( 'Connection to the Ledger Bridge app.', 'ledger-bridge' ),
		);
		return $groups;
	}

	/**
	 * The options of that group, in the REST API's setting format.
	 *
	 * @param array $settings Settings.
	 * @return array
	 */
	public function rest_settings( $settings ) {
		$settings[] = array(
			'id'          => self::APP_URL,
			'option_key'  => self::APP_URL,
			'label'       => __( 'App URL', 'ledger-bridge' ),
			'description' => '',
			'type'        => 'text',
			'default'     => '',
		);
		$settings[] = array(
			'id'          => self::STORE_SECRET,
			'option_key'  => self::STORE_SECRET,
			'label'       => __( 'Store secret', 'ledger-bridge' ),
			'description' => '',
			'type'        => 'password',
			'default'     => '',
		);
		return $settings;
	}

	/**
	 * Adds the tab.
	 *
	 * @param array $tabs Tabs.
	 * @return array
	 */
	public function add_tab( $tabs ) {
		$tabs[ self::TAB ] = __( 'Ledger Bridge', 'ledger-bridge' );
		return $tabs;
	}

	/**
	 * Field definitions for woocommerce_admin_fields().
	 *
	 * @return array
	 */
	public function fields() {
		return array(
			array(
				'title' => __( 'Ledger Bridge', 'ledger-bridge' ),
				'type'  => 'title',
				'desc'  => __( 'Send orders and refunds to your accounting system as booked invoices and credit notes.', 'ledger-bridge' ),
				'id'    => 'ledger_bridge_section',
			),
			array(
				'title'       => __( 'App URL', 'ledger-bridge' ),
				'id'          => self::APP_URL,
				'type'        => 'url',
				'placeholder' => 'https://ledger-bridge.example',
				'default'     => '',
			),
			array(
				'title'   => __( 'Store secret', 'ledger-bridge' ),
				'desc'    => __( 'Shown by Ledger Bridge after connecting. Signs the requests this store sends to the app.', 'ledger-bridge' ),
				'id'      => self::STORE_SECRET,
				'type'    => 'password',
				'default' => '',
			),
			array(
				'type' => 'sectionend',
				'id'   => 'ledger_bridge_section',
			),
		);
	}

	/**
	 * Renders the tab.
	 */
	public function render() {
		woocommerce_admin_fields( $this->fields() );
		if ( ! current_user_can( 'manage_woocommerce' ) || '' === $this->app_url() ) {
			return;
		}
		echo '<p>';
		echo '<a class="button button-primary" href="' . esc_url( $this->connect_url() ) . '">' . esc_html__( 'Connect', 'ledger-bridge' ) . '</a> ';
		if ( '' !== $this->store_secret() ) {
			echo '<a class="button" target="_blank" rel="noopener" href="' . esc_url( $this->open_app_url() ) . '">' . esc_html__( 'Open Ledger Bridge', 'ledger-bridge' ) . '</a>';
		}
		echo '</p>';
		if ( '' !== $this->store_secret() ) {
			echo '<p class="description">' . esc_html__( 'Connect your accounting system, choose which order statuses are transferred and follow the transfers on Ledger Bridge\'s own pages. Each click opens them for this store only, with a link that works once; you stay logged in there for two hours.', 'ledger-bridge' ) . '</p>';
		}
	}

	/**
	 * The "Open Ledger Bridge" button's address: admin-post.php with a nonce, so the signed link
	 * is made when the merchant clicks, not when this page was rendered.
	 *
	 * @return string
	 */
	public function open_app_url() {
		return wp_nonce_url( admin_url( 'admin-post.php?action=' . self::OPEN_ACTION ), self::OPEN_ACTION );
	}

	/**
	 * The signed link the button leads to, after checking the user and the nonce; stops with
	 * wp_die() otherwise.
	 *
	 * @param int $now Current Unix time.
	 * @return string
	 */
	public function app_link( $now ) {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			wp_die( esc_html__( 'You are not allowed to open Ledger Bridge.', 'ledger-bridge' ), '', array( 'response' => 403 ) );
		}
		check_admin_referer( self::OPEN_ACTION );
		$url = $this->settings_url( $now );
		if ( null === $url || '' === $this->app_url() ) {
			wp_die( esc_html__( 'Connect the store to Ledger Bridge first.', 'ledger-bridge' ), '', array( 'response' => 400 ) );
		}
		return $url;
	}

	/**
	 * admin-post.php?action=ledger_bridge_open_app: on to the app with a fresh signed link.
	 */
	public function open_app() {
		$url = $this->app_link( time() );
		// The app lives on another host, which wp_safe_redirect() would refuse; the URL is the
		// app URL the store administrator configured.
		wp_redirect( $url, 303 ); // phpcs:ignore WordPress.Security.SafeRedirect.wp_redirect_wp_redirect
		exit;
	}

	/**
	 * Saves the fields; the app URL loses its trailing slash so paths can be appended.
	 */
	public function save() {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		woocommerce_update_options( $this->fields() );
		update_option( self::APP_URL, untrailingslashit( esc_url_raw( (string) get_option( self::APP_URL, '' ) ) ) );
	}

	/**
	 * The app's base URL, '' when not set.
	 *
	 * @return string
	 */
	public function app_url() {
		return untrailingslashit( (string) get_option( self::APP_URL, '' ) );
	}

	/**
	 * The per-store secret, '' when not connected.
	 *
	 * @return string
	 */
	public function store_secret() {
		return (string) get_option( self::STORE_SECRET, '' );
	}

	/**
	 * The store as the app knows it.
	 *
	 * @return string
	 */
	public function shop() {
		return home_url( '/' );
	}

	/**
	 * Where Connect sends the merchant: the app starts WooCommerce's wc-auth key exchange.
	 *
	 * @return string
	 */
	public function connect_url() {
		return add_query_arg( array( 'shop' => rawurlencode( $this->shop() ) ), $this->app_url() . '/woocommerce/connect' );
	}

	/**
	 * A link into the app's settings carrying a signed, short-lived token; null before connecting.
	 *
	 * @param int $now Current Unix time.
	 * @return string|null
	 */
	public function settings_url( $now ) {
		if ( '' === $this->store_secret() ) {
			return null;
		}
		$token = ( new LB_Signer( $this->store_secret() ) )->settings_token( $this->shop(), $now + self::LINK_TTL );
		return add_query_arg( array( 'token' => rawurlencode( $token ) ), $this->app_url() . '/woocommerce/settings' );
	}
}
