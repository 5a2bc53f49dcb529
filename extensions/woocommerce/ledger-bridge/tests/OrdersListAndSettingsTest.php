<?php
// phpcs:disable
use PHPUnit\Framework\TestCase;

final class OrdersListAndSettingsTest extends TestCase {
	protected function setUp(): void {
		LB_Fake::reset();
		LB_Fake::$options = array(
			LB_Settings::APP_URL      => 'https://app.example',
			LB_Settings::STORE_SECRET => 'store-secret',
		);
	}

	private function hooked( $name ) {
		return array_values( array_filter( LB_Fake::$hooks, function ( $h ) use ( $name ) { return $h[1] === $name; } ) );
	}

	public function test_registers_column_and_bulk_action_on_both_list_screens() {
		( new LB_Orders_List( new LB_Api_Client( new LB_Settings() ) ) )->register();
		foreach ( array(
			'manage_woocommerce_page_wc-orders_columns',
			'manage_edit-shop_order_columns',
			'manage_woocommerce_page_wc-orders_custom_column',
			'manage_shop_order_posts_custom_column',
			'bulk_actions-woocommerce_page_wc-orders',
			'bulk_actions-edit-shop_order',
			'handle_bulk_actions-woocommerce_page_wc-orders',
			'handle_bulk_actions-edit-shop_order',
		) as $hook ) {
			$this->assertCount( 1, $this->hooked( $hook ), $hook );
		}
	}

	public function test_column_placement_and_cells_for_order_objects_and_ids() {
		$list    = new LB_Orders_List( new LB_Api_Client( new LB_Settings() ) );
		$columns = $list->add_column( array( 'cb' => '', 'order_number' => 'Order', 'order_status' => 'Status', 'order_total' => 'Total' ) );
		$this->assertSame( array( 'cb', 'order_number', 'order_status', 'ledger_bridge', 'order_total' ), array_keys( $columns ) );

		LB_Fake::$orders[5] = new WC_Order( 5 );
		LB_Fake::$orders[5]->meta = array( LB_Order_Status::STATUS => 'transferred', LB_Order_Status::DOCUMENT => '1042' );
		ob_start();
		$list->render_cell( 'ledger_bridge', LB_Fake::$orders[5] );
		$list->render_cell( 'ledger_bridge', 5 );
		$list->render_cell( 'order_total', 5 );
		$html = ob_get_clean();
		$this->assertSame( 2, substr_count( $html, '>Transferred · 1042</span>' ) );
	}

	public function test_bulk_action_requires_capability_and_sends_one_signed_request() {
		$list = new LB_Orders_List( new LB_Api_Client( new LB_Settings() ) );
		LB_Fake::$orders[5] = new WC_Order( 5 );
		LB_Fake::$orders[6] = new WC_Order( 6 );
		$this->assertSame( 'back', $list->handle_bulk_action( 'back', 'mark_completed', array( 5 ) ) );
		$this->assertSame( array(), LB_Fake::$requests );

		$redirect = $list->handle_bulk_action( 'https://shop.example/wp-admin/admin.php?page=wc-orders', 'lb_transfer_to_accounting', array( '5', '6' ) );
		$this->assertStringEndsWith( '&lb_requested=2&lb_failed=0', $redirect );
		$this->assertCount( 1, LB_Fake::$requests );
		$this->assertSame( array( 5, 6 ), json_decode( LB_Fake::$requests[0]['args']['body'], true )['order_ids'] );
		$this->assertSame( 'requested', LB_Fake::$orders[6]->meta[ LB_Order_Status::STATUS ] );

		LB_Fake::$caps = array();
		$this->assertSame( array(), $list->add_bulk_action( array() ) );
		$this->expectException( WP_Die_Exception::class );
		$list->handle_bulk_action( 'back', 'lb_transfer_to_accounting', array( 5 ) );
	}

	public function test_not_connected_fails_without_a_request() {
		LB_Fake::$options = array( LB_Settings::APP_URL => 'https://app.example' );
		$result = ( new LB_Api_Client( new LB_Settings() ) )->request_transfer( array( 1 ) );
		$this->assertFalse( $result['ok'] );
		$this->assertStringContainsString( 'not connected', $result['error'] );
		$this->assertSame( array(), LB_Fake::$requests );
	}

	public function test_settings_tab_connect_button_and_signed_settings_link() {
		$settings = new LB_Settings();
		$settings->register();
		$this->assertCount( 1, $this->hooked( 'woocommerce_settings_tabs_array' ) );
		$this->assertSame( array( 'general' => 'General', 'ledger_bridge' => 'Ledger Bridge' ), $settings->add_tab( array( 'general' => 'General' ) ) );

		$this->assertSame( 'https://app.example/woocommerce/connect?shop=https%3A%2F%2Fshop.example%2F', $settings->connect_url() );
		$url = $settings->settings_url( 1000 );
		parse_str( (string) parse_url( $url, PHP_URL_QUERY ), $query );
		$this->assertSame( 'https://shop.example/', ( new LB_Signer( 'store-secret' ) )->verify_settings_token( $query['token'], 1300 ) );
		$this->assertNull( ( new LB_Signer( 'store-secret' ) )->verify_settings_token( $query['token'], 1301 ) );

		ob_start();
		$settings->render();
		$html = ob_get_clean();
		$this->assertStringContainsString( 'Connect', $html );
		// The page carries no token: the button signs one when it is clicked.
		$this->assertStringNotContainsString( 'token=', $html );
		$this->assertStringContainsString( 'Open Ledger Bridge', $html );
		$this->assertStringContainsString( esc_url( $settings->open_app_url() ), $html );
		$this->assertSame( 'https://shop.example/wp-admin/admin-post.php?action=ledger_bridge_open_app&_wpnonce=nonce-ledger_bridge_open_app', $settings->open_app_url() );

		LB_Fake::$caps = array();
		ob_start();
		$settings->render();
		$this->assertStringNotContainsString( 'admin-post.php', ob_get_clean() );

		LB_Fake::$options = array( LB_Settings::APP_URL => 'https://app.example' );
		$this->assertNull( $settings->settings_url( 1000 ) );
	}

	public function test_open_button_signs_a_fresh_link_for_an_administrator_with_a_valid_nonce() {
		$settings = new LB_Settings();
		$settings->register();
		$this->assertCount( 1, $this->hooked( 'admin_post_ledger_bridge_open_app' ) );

		$_GET['_wpnonce'] = 'nonce-ledger_bridge_open_app';
		$url              = $settings->app_link( 5000 );
		$this->assertStringStartsWith( 'https://app.example/woocommerce/settings?token=', $url );
		parse_str( (string) parse_url( $url, PHP_URL_QUERY ), $query );
		$this->assertSame( 'https://shop.example/', ( new LB_Signer( 'store-secret' ) )->verify_settings_token( $query['token'], 5300 ) );
		$this->assertContains( 'ledger_bridge_open_app', LB_Fake::$nonce_checks );

		$_GET['_wpnonce'] = 'forged';
		try {
			$settings->app_link( 5000 );
			$this->fail( 'a forged nonce must stop' );
		} catch ( WP_Die_Exception $e ) {
			$this->assertSame( 403, $e->status );
		}

		$_GET['_wpnonce'] = 'nonce-ledger_bridge_open_app';
		LB_Fake::$caps    = array();
		try {
			$settings->app_link( 5000 );
			$this->fail( 'a user without manage_woocommerce must stop' );
		} catch ( WP_Die_Exception $e ) {
			$this->assertSame( 403, $e->status );
		}

		LB_Fake::$caps    = array( 'manage_woocommerce' => true );
		LB_Fake::$options = array( LB_Settings::APP_URL => 'https://app.example' );
		try {
			$settings->app_link( 5000 );
			$this->fail( 'a store that is not connected has no link' );
		} catch ( WP_Die_Exception $e ) {
			$this->assertSame( 400, $e->status );
		}
	}

	public function test_app_url_and_store_secret_are_a_settings_group_of_the_rest_api() {
		$settings = new LB_Settings();
		$settings->register();
		$this->assertCount( 1, $this->hooked( 'woocommerce_settings_groups' ) );
		$this->assertCount( 1, $this->hooked( 'woocommerce_settings-ledger_bridge' ) );
		$groups = $settings->add_rest_group( array( array( 'id' => 'general' ) ) );
		$this->assertSame( array( 'general', 'ledger_bridge' ), array_column( $groups, 'id' ) );
		$fields = $settings->rest_settings( array() );
		$this->assertSame( array( 'ledger_bridge_app_url', 'ledger_bridge_store_secret' ), array_column( $fields, 'id' ) );
		$this->assertSame( array_column( $fields, 'id' ), array_column( $fields, 'option_key' ) );
		// The REST controller only serves these setting types.
		$this->assertSame( array( 'text', 'password' ), array_column( $fields, 'type' ) );
	}

	public function test_bulk_action_failure_marks_every_order_failed() {
		$list = new LB_Orders_List( new LB_Api_Client( new LB_Settings() ) );
		LB_Fake::$orders[5] = new WC_Order( 5 );
		LB_Fake::$orders[6] = new WC_Order( 6 );
		LB_Fake::$response = array( 'response' => array( 'code' => 401 ), 'body' => '{"message":"Unauthorized"}' );
		$redirect = $list->handle_bulk_action( 'back', 'lb_transfer_to_accounting', array( 5, 6 ) );
		$this->assertStringEndsWith( 'lb_requested=0&lb_failed=2', $redirect );
		$this->assertSame( 'failed', LB_Fake::$orders[5]->meta[ LB_Order_Status::STATUS ] );
		$this->assertSame( 'Ledger Bridge answered 401. Unauthorized', LB_Fake::$orders[6]->meta[ LB_Order_Status::ERROR ] );
	}

	public function test_save_requires_capability_and_trims_the_app_url() {
		$settings = new LB_Settings();
		$_POST = array( LB_Settings::APP_URL => 'https://new.example/', LB_Settings::STORE_SECRET => 's2' );
		LB_Fake::$caps = array();
		$settings->save();
		$this->assertSame( 'https://app.example', LB_Fake::$options[ LB_Settings::APP_URL ] );
		LB_Fake::$caps = array( 'manage_woocommerce' => true );
		$settings->save();
		$this->assertSame( 'https://new.example', LB_Fake::$options[ LB_Settings::APP_URL ] );
		$this->assertSame( 's2', LB_Fake::$options[ LB_Settings::STORE_SECRET ] );
		$_POST = array();
	}

	public function test_main_file_declares_hpos_compatibility_and_requires_woocommerce() {
		$main = file_get_contents( dirname( __DIR__ ) . '/ledger-bridge.php' );
		$this->assertMatchesRegularExpression( '/^ \* Requires Plugins:\s+woocommerce$/m', $main );
		LB_Fake::$hooks = array();
		require dirname( __DIR__ ) . '/ledger-bridge.php';
		$init = $this->hooked( 'before_woocommerce_init' );
		$this->assertCount( 1, $init );
		call_user_func( $init[0][2] );
		$this->assertSame(
			array( array( 'custom_order_tables', realpath( dirname( __DIR__ ) . '/ledger-bridge.php' ), true ) ),
			array_map( function ( $d ) { return array( $d[0], realpath( $d[1] ), $d[2] ); }, \Automattic\WooCommerce\Utilities\FeaturesUtil::$declared )
		);
		$loaded = $this->hooked( 'plugins_loaded' );
		call_user_func( $loaded[0][2] );
		$this->assertNotEmpty( $this->hooked( 'add_meta_boxes' ) );
		$this->assertNotEmpty( $this->hooked( 'admin_post_lb_transfer' ) );
	}
}
